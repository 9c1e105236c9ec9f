namespace OctopusServer.Double.Resources;

public sealed record EnvironmentResource(
    string Id,
    string Name,
    string Slug,
    string Description,
    int SortOrder,
    bool UseGuidedFailure,
    bool AllowDynamicInfrastructure,
    string SpaceId,
    IReadOnlyDictionary<string, string> Links);
