namespace Coordinator.Lab;

/// <summary>
/// Where the test doubles' build outputs are: <c>tests/Doubles/&lt;Project&gt;/bin/&lt;Configuration&gt;/net10.0/</c>
/// under the repository root (the folder holding Coordinator.sln above this assembly). The lab projects
/// reference the doubles, so building the lab builds them, in the same configuration.
/// </summary>
public static class DoubleBuilds
{
#if DEBUG
    private static readonly string[] Configurations = ["Debug", "Release"];
#else
    private static readonly string[] Configurations = ["Release", "Debug"];
#endif

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository the lab was built from.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The output directory of the double <paramref name="project"/> that holds <paramref name="program"/>.</summary>
    public static string OutputDirectory(string project, string program)
    {
        foreach (var configuration in Configurations)
        {
            var directory = Path.Combine(RepositoryRoot, "tests", "Doubles", project, "bin", configuration, "net10.0");
            if (File.Exists(Path.Combine(directory, program)))
            {
                return directory;
            }
        }

        throw new FileNotFoundException(
            $"The {project} double is not built: run 'dotnet build tests/Doubles/{project}/{project}.csproj' (building the lab builds it too).");
    }

    private static string FindRepositoryRoot()
    {
        var start = Path.GetDirectoryName(typeof(DoubleBuilds).Assembly.Location) ?? AppContext.BaseDirectory;
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Coordinator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Coordinator.sln above {start}: the lab finds the test doubles in the repository it was built from.");
    }
}
