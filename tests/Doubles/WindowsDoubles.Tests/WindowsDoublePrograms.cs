namespace Lab.Windows;

/// <summary>
/// Where the built Windows doubles are: <c>tests/Doubles/&lt;Project&gt;/bin/&lt;Configuration&gt;/net10.0/&lt;name&gt;</c>
/// under the repository root (the folder holding Coordinator.sln). Self-contained so other test projects can
/// compile it in with <c>&lt;Compile Include="..." Link="..." /&gt;</c>; a lab host puts <see cref="Directories"/>
/// first on PATH or links the three programs into its /usr/local/sbin.
/// </summary>
public static class WindowsDoublePrograms
{
#if DEBUG
    private const string Configuration = "Debug";
    private const string OtherConfiguration = "Release";
#else
    private const string Configuration = "Release";
    private const string OtherConfiguration = "Debug";
#endif

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string PowerShell => Locate("PowerShell.Double", "powershell");
    public static string Msiexec => Locate("Msiexec.Double", "msiexec");
    public static string Appcmd => Locate("Appcmd.Double", "appcmd");

    public static IReadOnlyList<string> Directories =>
        [Path.GetDirectoryName(PowerShell)!, Path.GetDirectoryName(Msiexec)!, Path.GetDirectoryName(Appcmd)!];

    private static string Locate(string project, string program)
    {
        foreach (var configuration in new[] { Configuration, OtherConfiguration })
        {
            var candidate = Path.Combine(RepositoryRoot, "tests", "Doubles", project, "bin", configuration, "net10.0", program);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(
            $"The {program} double is not built: run 'dotnet build tests/Doubles/{project}/{project}.csproj' first.");
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Coordinator.sln"))) return directory.FullName;
        }
        throw new DirectoryNotFoundException($"No Coordinator.sln above {AppContext.BaseDirectory}.");
    }
}
