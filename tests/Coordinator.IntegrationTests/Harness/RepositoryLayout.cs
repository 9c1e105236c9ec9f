namespace Coordinator.IntegrationTests.Harness;

/// <summary>Finds the built host and CLI next to this test assembly's configuration (Debug/Release).</summary>
internal static class RepositoryLayout
{
    public static readonly string Root = FindRoot();

    /// <summary>bin/&lt;Configuration&gt;/net10.0 → the configuration this test run was built with.</summary>
    private static readonly string Configuration =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string HostDll => Output("Coordinator.Host", "Coordinator.Host.dll");

    public static string CliDll => Output("Coordinator.Cli", "coord.dll");

    private static string Output(string project, string file)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", file);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{file} is not built at {path}; build Coordinator.sln first.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coordinator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Coordinator.sln not found above " + AppContext.BaseDirectory);
    }
}
