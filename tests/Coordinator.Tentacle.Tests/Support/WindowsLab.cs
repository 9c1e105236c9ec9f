using Lab.Windows;

namespace Coordinator.Tentacle.Tests.Support;

/// <summary>
/// A windows-flavoured host: a temp directory as drive C:, the lab's powershell and msiexec first on PATH, and the
/// Tentacle double's machine id in a temp file.
/// </summary>
public sealed class WindowsLab : IAsyncDisposable
{
    readonly TempDirectory root = new();

    public WindowsLab()
    {
        Directory.CreateDirectory(DriveC);
        Directory.CreateDirectory(Scratch);
        File.WriteAllText(root.Combine("machine-id"), Guid.NewGuid().ToString("N") + "\n");
        var programs = string.Join(':', WindowsDoublePrograms.Directories);
        Environment = new Dictionary<string, string?>
        {
            ["PATH"] = $"{programs}:{Repository.DotnetRoot}:/usr/local/bin:/usr/bin:/bin",
            ["DOTNET_ROOT"] = Repository.DotnetRoot,
            ["LAB_FLAVOUR"] = "windows",
            ["LAB_DRIVE_C"] = DriveC,
            ["TENTACLE_DOUBLE_MACHINE_ID_FILE"] = root.Combine("machine-id"),
            ["TentacleMachineConfigurationHomeDirectory"] = null,
            ["TENTACLE_DOUBLE_EXECUTABLE"] = null,
        };
    }

    public string DriveC => root.Combine("c");
    string Scratch => root.Combine("scratch");

    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>The host path of a <c>C:\...</c> path.</summary>
    public string OnDrive(string windowsPath) => Path.Combine(DriveC, windowsPath[3..].Replace('\\', '/'));

    public Task<RunResult> RunAsync(TentacleScript script) => Shells.PowerShellAsync(script, Environment, Scratch);

    public async ValueTask DisposeAsync()
    {
        await RunningAgents.StopAsync(Directory.Exists(DriveC) ? Directory.GetFiles(DriveC, "Tentacle.pid", SearchOption.AllDirectories) : []);
        root.Dispose();
    }
}
