namespace Tentacle.Double.Tests.Support;

/// <summary>Where the double's build output and this machine's dotnet are.</summary>
public static class DoubleBinary
{
    /// <summary>The double built in the same configuration and framework as this test assembly.</summary>
    public static string Assembly { get; } = Locate();

    public static string Dotnet { get; } =
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    static string Locate()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Coordinator.sln")))
            root = root.Parent;
        if (root is null)
            throw new InvalidOperationException("Coordinator.sln was not found above " + AppContext.BaseDirectory);
        var assembly = Path.Combine(root.FullName, "tests", "Doubles", "Tentacle.Double", "bin", configuration, framework, "Tentacle.dll");
        return File.Exists(assembly) ? assembly : throw new FileNotFoundException("Build the Tentacle double first.", assembly);
    }
}
