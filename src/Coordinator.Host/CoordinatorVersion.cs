using System.Reflection;

namespace Coordinator.Host;

public static class CoordinatorVersion
{
    /// <summary>The informational version, e.g. <c>0.1.0+1a2b3c4</c> when built from git.</summary>
    public static string Current { get; } =
        typeof(CoordinatorVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CoordinatorVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
