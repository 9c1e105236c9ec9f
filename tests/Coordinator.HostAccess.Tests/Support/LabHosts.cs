using Coordinator.Lab;
using Lab.Windows;

namespace Coordinator.HostAccess.Tests;

/// <summary>A lab shared by the tests of one class: started before the first test, disposed after the last.</summary>
public abstract class LabHosts(int linux, int windows = 0, LabOptions? options = null) : IAsyncLifetime
{
    public LabFixture Lab { get; private set; } = null!;

    public LabHost Host => Lab.Hosts[0];

    public async Task InitializeAsync() => Lab = await LabFixture.StartAsync(linux, windows, options);

    public async Task DisposeAsync() => await Lab.DisposeAsync();
}

public sealed class OneLinuxHost() : LabHosts(linux: 1);

/// <summary>One windows-flavoured host whose <c>powershell</c> is the lab's PowerShell double.</summary>
public sealed class OneWindowsHost() : LabHosts(
    linux: 0,
    windows: 1,
    new LabOptions { WindowsImage = [LabHostFile.Launcher(LabPaths.StandIn("powershell"), WindowsDoublePrograms.PowerShell)] });
