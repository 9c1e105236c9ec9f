namespace Tentacle.Double.Services;

/// <summary>
/// How to start this Tentacle again from a service: the installed launcher when there is one
/// (it exports its own path), otherwise this machine's dotnet with the double's assembly.
/// </summary>
internal static class TentacleExecutable
{
    public static IReadOnlyList<string> Command(string? launcherPath) =>
        launcherPath is not null
            ? [launcherPath]
            : [Environment.ProcessPath ?? "dotnet", typeof(TentacleExecutable).Assembly.Location];

    /// <summary>The agent's arguments for the instance, or for the configuration file when it has no name.</summary>
    public static IReadOnlyList<string> RunArguments(string? instanceName, string configurationPath) =>
        instanceName is not null
            ? ["run", $"--instance={instanceName}", "--noninteractive"]
            : ["run", $"--config={configurationPath}", "--noninteractive"];
}
