namespace Coordinator.Lab.Tests.Fidelity;

/// <summary>
/// The Tentacle double's installers, made by its <c>pack</c> command from its build output: the Linux
/// tarball (root folder <c>tentacle/</c>) and the MSI stand-in, both without an install delay.
/// </summary>
internal sealed class TentacleInstallers : IDisposable
{
    private readonly DirectoryInfo _directory;

    private TentacleInstallers(DirectoryInfo directory, string tarball, string msi)
    {
        _directory = directory;
        Tarball = tarball;
        Msi = msi;
    }

    public string Tarball { get; }

    public string Msi { get; }

    public static async Task<TentacleInstallers> PackAsync()
    {
        var directory = Directory.CreateTempSubdirectory("lab-tentacle-installers-");
        var tentacle = Path.Combine(DoubleBuilds.OutputDirectory("Tentacle.Double", "Tentacle.dll"), "Tentacle.dll");
        var pack = await Ssh.RunProcessAsync("dotnet", [tentacle, "pack", "--output", directory.FullName, "--install-delay-ms", "0"]);
        Assert.True(pack.ExitCode == 0, $"Tentacle pack failed: {pack.Output}{pack.Error}");
        var installers = pack.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new TentacleInstallers(
            directory,
            installers.Single(path => path.EndsWith(".tar.gz", StringComparison.Ordinal)),
            installers.Single(path => path.EndsWith(".msi", StringComparison.Ordinal)));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
