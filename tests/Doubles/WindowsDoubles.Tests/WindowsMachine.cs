using System.Runtime.Versioning;
using Lab.Windows;

// The lab and its doubles run on Linux: Unix file modes, flock and /proc/locks are part of the tests.
[assembly: UnsupportedOSPlatform("windows")]

namespace WindowsDoubles.Tests;

/// <summary>
/// A throw-away windows-flavoured machine for one test: a temp directory as drive C: and the environment a
/// lab host's session has (LAB_FLAVOUR, LAB_DRIVE_C, the doubles first on PATH).
/// </summary>
public sealed class WindowsMachine : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"windows-doubles-{Guid.NewGuid():N}");

    public WindowsMachine()
    {
        Directory.CreateDirectory(DriveC);
        Directory.CreateDirectory(Scratch);
        var path = string.Join(':', WindowsDoublePrograms.Directories.Append(System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin"));
        Environment = new Dictionary<string, string>
        {
            ["LAB_FLAVOUR"] = "windows",
            ["LAB_DRIVE_C"] = DriveC,
            ["PATH"] = path,
        };
    }

    /// <summary>The host directory that plays drive C:.</summary>
    public string DriveC => Path.Combine(_root, "c");

    /// <summary>A working directory outside drive C: for the processes and their exit-code files.</summary>
    public string Scratch => Path.Combine(_root, "scratch");

    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The host path of a <c>C:\...</c> path on this machine.</summary>
    public string OnDrive(string windowsPath) =>
        Path.Combine(DriveC, windowsPath[3..].Replace('\\', '/'));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
