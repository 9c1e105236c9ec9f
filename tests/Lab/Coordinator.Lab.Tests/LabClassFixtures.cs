namespace Coordinator.Lab.Tests;

/// <summary>
/// A lab shared by the tests of one class: xunit starts it before the first test and disposes it after
/// the last. Other test projects hold a lab the same way.
/// </summary>
public abstract class LabClassFixture(int linux, int windows = 0, LabOptions? options = null) : IAsyncLifetime
{
    public LabFixture Lab { get; private set; } = null!;

    public async Task InitializeAsync() => Lab = await LabFixture.StartAsync(linux, windows, options);

    public async Task DisposeAsync() => await Lab.DisposeAsync();
}

public sealed class TwoLinuxHosts() : LabClassFixture(linux: 2);

public sealed class OneLinuxHost() : LabClassFixture(linux: 1);

/// <summary>Windows-flavoured hosts with the lab's doubles of powershell, msiexec and appcmd (the default image).</summary>
public sealed class TwoWindowsHosts() : LabClassFixture(linux: 0, windows: 2);

public sealed class OneWindowsHost() : LabClassFixture(linux: 0, windows: 1);

/// <summary>One host of each flavour; Windows hosts carry trivial stand-ins for Windows tools.</summary>
public sealed class LinuxAndWindowsHosts() : LabClassFixture(linux: 1, windows: 1, new LabOptions { WindowsImage = WindowsImage })
{
    public const string ApplicationHostConfig = @"C:\Windows\System32\inetsrv\config\applicationHost.config";

    public const string AppCmd = @"C:\Windows\System32\inetsrv\appcmd.exe";

    private static readonly LabHostFile[] WindowsImage =
    [
        LabHostFile.FromText(LabPaths.StandIn("powershell"), "#!/bin/sh\necho \"powershell stand-in: $*\"\n", executable: true),
        LabHostFile.Launcher(LabPaths.OnDriveC(AppCmd), "/bin/echo", "appcmd stand-in:"),
        LabHostFile.FromText(LabPaths.OnDriveC(ApplicationHostConfig), ""),
    ];
}
