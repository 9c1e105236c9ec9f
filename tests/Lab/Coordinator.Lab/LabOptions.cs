namespace Coordinator.Lab;

/// <summary>How to build a lab. The defaults suit tests: port 22, a temporary state directory.</summary>
public sealed record LabOptions
{
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The port every host's sshd listens on, each on its own address.</summary>
    public int SshPort { get; init; } = 22;

    /// <summary>
    /// Where the lab keeps its files. Null: a new directory under the system temp directory, deleted
    /// when the lab is disposed. A given directory is kept (its lab.json removed) for inspection.
    /// </summary>
    public string? StateDirectory { get; init; }

    /// <summary>Files every Linux host starts with, besides the sudo and systemctl stand-ins.</summary>
    public IReadOnlyList<LabHostFile> LinuxImage { get; init; } = [];

    /// <summary>
    /// Files every Windows host starts with: the doubles of Windows tools (launchers in
    /// <see cref="LabPaths.StandIns"/>, e.g. <c>powershell</c>, <c>msiexec</c>) and files on drive C:
    /// (<see cref="LabPaths.OnDriveC"/>, e.g. <c>C:\Windows\System32\inetsrv\appcmd.exe</c>).
    /// Null, the default: the lab's own doubles, <see cref="WindowsDoubles.Image"/>.
    /// </summary>
    public IReadOnlyList<LabHostFile>? WindowsImage { get; init; }

    /// <summary>How long one host may take to answer SSH after it is booted.</summary>
    public TimeSpan StartTimeout { get; init; } = DefaultStartTimeout;
}
