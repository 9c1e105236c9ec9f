namespace Coordinator.Lab.Tests.Fidelity;

/// <summary>
/// A Windows-flavoured lab host installs the Tentacle double from the MSI stand-in through PowerShell over
/// SSH.NET, with Windows paths; its service is a listener that outlives the SSH session that started it.
/// </summary>
public sealed class WindowsTentacleTests(WindowsTentacleLab fixture) : IClassFixture<WindowsTentacleLab>
{
    [Fact]
    public async Task The_msi_and_the_canonical_sequence_give_a_listener_that_outlives_the_session()
    {
        var host = fixture.Lab.WindowsHosts[0];
        using var octopus = new OctopusApi(fixture.Octopus);

        // Its own connection, closed when it returns: the service must not depend on that session.
        await TentacleInstallation.OnWindowsAsync(host, fixture.Installers, fixture.Pfx, await octopus.ServerThumbprintAsync());
        host.DropConnections();
        var listeningAfterTheSession = await TentacleEndpoint.IsListeningAsync(host.Address);
        var presented = await TentacleEndpoint.ThumbprintAsync(host.Address);
        using var reconnected = await LabConnection.OpenAsync(host);
        var shown = await reconnected.RunAsync(PowerShell.EncodedCommand(
            $"& '{TentacleInstallation.WindowsTentacle}' show-thumbprint --instance Tentacle; exit $LASTEXITCODE"));
        var machineId = await octopus.RegisterListeningTentacleAsync(host.Name, host.Address, presented);
        var healthCheck = await octopus.HealthCheckAsync(machineId);

        Assert.True(listeningAfterTheSession);
        Assert.True(shown.ExitStatus == 0, shown.ToString());
        Assert.Equal(fixture.Pfx.Thumbprint, shown.Output.Trim());
        Assert.Equal(fixture.Pfx.Thumbprint, presented);
        Assert.True(File.Exists(host.PathOnDisk(LabPaths.OnDriveC(@"C:\Octopus\Tentacle.config"))));
        Assert.True(File.Exists(host.PathOnDisk(LabPaths.OnDriveC(TentacleInstallation.WindowsTentacle))));
        Assert.True((string?)healthCheck["State"] == "Success", healthCheck.ToJsonString());
    }
}
