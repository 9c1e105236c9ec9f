using System.Text;
using Lab.Windows;

namespace Coordinator.Iis.Tests.Support;

/// <summary>
/// A windows-flavoured "host" for one test: a temp directory as drive C:, the lab's powershell and appcmd doubles first
/// on PATH. Scripts run as on a Windows host over SSH: <c>powershell -NoProfile -NonInteractive -EncodedCommand</c>.
/// </summary>
public sealed class IisLab : IDisposable
{
    public const string ApplicationHostConfig = @"C:\Windows\System32\inetsrv\config\applicationHost.config";

    readonly string root = Directory.CreateTempSubdirectory("coordinator-iis-").FullName;

    public IisLab()
    {
        Directory.CreateDirectory(DriveC);
        Directory.CreateDirectory(Scratch);
        var programs = string.Join(':', WindowsDoublePrograms.Directories);
        Environment = new Dictionary<string, string?>
        {
            ["PATH"] = $"{programs}:{DotnetRoot}:/usr/local/bin:/usr/bin:/bin",
            ["DOTNET_ROOT"] = DotnetRoot,
            ["LAB_FLAVOUR"] = "windows",
            ["LAB_DRIVE_C"] = DriveC,
            [CommitDelayVariable] = null,
        };
    }

    /// <summary>The appcmd double's commit delay: it reads, waits this long, then commits while holding a flock this long again.</summary>
    public const string CommitDelayVariable = "APPCMD_COMMIT_DELAY_MS";

    public string DriveC => Path.Combine(root, "c");

    /// <summary>A working directory outside drive C:.</summary>
    public string Scratch => Path.Combine(root, "scratch");

    public IReadOnlyDictionary<string, string?> Environment { get; }

    public string ConfigFile => OnDrive(ApplicationHostConfig);

    public byte[] ConfigBytes() => File.ReadAllBytes(ConfigFile);

    public Coordinator.Lab.ApplicationHostConfig Configuration() => Coordinator.Lab.ApplicationHostConfig.Read(ConfigFile);

    /// <summary>The host path of a <c>C:\...</c> path.</summary>
    public string OnDrive(string windowsPath) => Path.Combine(DriveC, windowsPath[3..].Replace('\\', '/'));

    public Task<RunResult> RunAsync(string script, int commitDelayMs = 0) =>
        RunningProcess.RunAsync(WindowsDoublePrograms.PowerShell, PowerShellArguments(script), WithDelay(commitDelayMs), Scratch);

    /// <summary>The script started and left running, for tests that watch it wait.</summary>
    public RunningProcess Start(string script) =>
        RunningProcess.Start(WindowsDoublePrograms.PowerShell, PowerShellArguments(script), Environment, Scratch);

    /// <summary>appcmd called directly, without any script or mutex around it.</summary>
    public Task<RunResult> AppcmdAsync(IEnumerable<string> arguments, int commitDelayMs = 0) =>
        RunningProcess.RunAsync(WindowsDoublePrograms.Appcmd, arguments, WithDelay(commitDelayMs), Scratch);

    public void Dispose()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    static string[] PowerShellArguments(string script) =>
        ["-NoProfile", "-NonInteractive", "-EncodedCommand", Convert.ToBase64String(Encoding.Unicode.GetBytes(script))];

    IReadOnlyDictionary<string, string?> WithDelay(int commitDelayMs) => commitDelayMs == 0
        ? Environment
        : new Dictionary<string, string?>(Environment) { [CommitDelayVariable] = commitDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>The folder of the dotnet running the tests, for the doubles' launchers.</summary>
    static string DotnetRoot =>
        Path.GetDirectoryName(Path.GetFileNameWithoutExtension(System.Environment.ProcessPath) == "dotnet" ? System.Environment.ProcessPath! : "/usr/bin/dotnet")!;
}
