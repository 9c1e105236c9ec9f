namespace Coordinator.Octopus;

/// <summary>How configured names are compared with the server's: exact after trimming, ignoring case.</summary>
internal static class Names
{
    public static bool Match(string? actual, string wanted) =>
        string.Equals(actual?.Trim(), wanted.Trim(), StringComparison.OrdinalIgnoreCase);
}
