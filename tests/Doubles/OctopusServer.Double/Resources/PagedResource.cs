namespace OctopusServer.Double.Resources;

/// <summary>The envelope Octopus wraps around one page of a collection.</summary>
public sealed record PagedResource<T>(
    string ItemType,
    bool IsStale,
    int TotalResults,
    int ItemsPerPage,
    int NumberOfPages,
    int LastPageNumber,
    IReadOnlyList<T> Items,
    IReadOnlyDictionary<string, string> Links);
