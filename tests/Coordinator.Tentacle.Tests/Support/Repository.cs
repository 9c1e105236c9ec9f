namespace Coordinator.Tentacle.Tests.Support;

/// <summary>Where the repository, this machine's dotnet and the Tentacle double's build output are.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The Tentacle double built in the same configuration as this test assembly.</summary>
    public static string TentacleDouble { get; } = LocateTentacleDouble();

    public static string Dotnet { get; } =
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "/usr/bin/dotnet";

    /// <summary>The folder holding <see cref="Dotnet"/>, for the installed launchers' <c>DOTNET_ROOT</c>.</summary>
    public static string DotnetRoot => Path.GetDirectoryName(Dotnet)!;

    static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Coordinator.sln")))
                return directory.FullName;
        }

        throw new DirectoryNotFoundException("Coordinator.sln was not found above " + AppContext.BaseDirectory);
    }

    static string LocateTentacleDouble()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var assembly = Path.Combine(Root, "tests", "Doubles", "Tentacle.Double", "bin", output.Parent!.Name, output.Name, "Tentacle.dll");
        return File.Exists(assembly) ? assembly : throw new FileNotFoundException("Build the Tentacle double first.", assembly);
    }
}
