using Coordinator.Lab;

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

/// <summary>One windows-flavoured host with the lab's default image: the PowerShell, msiexec and appcmd doubles.</summary>
public sealed class OneWindowsHost() : LabHosts(linux: 0, windows: 1);
