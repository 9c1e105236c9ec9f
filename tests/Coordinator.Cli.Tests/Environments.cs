namespace Coordinator.Cli.Tests;

/// <summary>Environment lookups for tests, so no test depends on the machine's real variables.</summary>
internal static class Environments
{
    public static readonly Func<string, string?> Empty = _ => null;

    public static Func<string, string?> With(string name, string value) =>
        requested => requested == name ? value : null;
}
