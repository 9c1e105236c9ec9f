using System.Diagnostics;

namespace Coordinator.Lab;

/// <summary>
/// The Tentacle double's installers, made by its <c>pack</c> command from its build output: the Linux
/// tarball (root folder <c>tentacle/</c>) and the MSI stand-in, both without an install delay.
/// </summary>
public sealed class TentacleInstallers : IDisposable
{
    private static readonly TimeSpan PackLimit = TimeSpan.FromMinutes(2);
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
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { tentacle, "pack", "--output", directory.FullName, "--install-delay-ms", "0" },
        };
        using var pack = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = pack.StandardOutput.ReadToEndAsync();
        var error = pack.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(PackLimit);
        await pack.WaitForExitAsync(limit.Token);
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"Tentacle pack failed with exit code {pack.ExitCode}: {await output}{await error}");
        }

        var installers = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new TentacleInstallers(
            directory,
            installers.Single(path => path.EndsWith(".tar.gz", StringComparison.Ordinal)),
            installers.Single(path => path.EndsWith(".msi", StringComparison.Ordinal)));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
