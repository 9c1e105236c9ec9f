using Renci.SshNet.Common;

namespace Coordinator.Lab.Tests.Fidelity;

/// <summary>
/// A Linux lab host, reached over SSH.NET, installs the Tentacle double from its tarball with the canonical
/// sequence at the real default paths; the Octopus Server double then trusts it. And a rebuilt VM is a new
/// machine until the retained PFX is imported again.
/// </summary>
public sealed class LinuxTentacleTests(LinuxTentacleLab fixture) : IClassFixture<LinuxTentacleLab>
{
    private const string ShowThumbprint = $"{TentacleInstallation.LinuxTentacle} show-thumbprint --instance Tentacle";

    [Fact]
    public async Task The_canonical_sequence_gives_a_listener_with_the_pfx_identity_that_octopus_health_checks()
    {
        var host = fixture.Lab.LinuxHosts[0];
        using var octopus = new OctopusApi(fixture.Octopus);

        await TentacleInstallation.OnLinuxAsync(host, fixture.Installers, fixture.Pfx, await octopus.ServerThumbprintAsync());
        using var connection = await LabConnection.OpenAsync(host);
        var shown = await connection.RunAsync(ShowThumbprint);
        var service = await connection.RunAsync("systemctl is-enabled Tentacle; systemctl is-active Tentacle");
        var presented = await TentacleEndpoint.ThumbprintAsync(host.Address);
        var machineId = await octopus.RegisterListeningTentacleAsync(host.Name, host.Address, presented);
        var healthCheck = await octopus.HealthCheckAsync(machineId);
        var machine = await octopus.MachineAsync(machineId);

        Assert.Equal(fixture.Pfx.Thumbprint, shown.Output); // exactly: no trailing newline
        Assert.Equal(fixture.Pfx.Thumbprint, presented);
        Assert.Equal("enabled\nactive\n", service.Output);
        Assert.True(File.Exists(host.PathOnDisk("/etc/octopus/Tentacle/tentacle-Tentacle.config")));
        Assert.True(File.Exists(host.PathOnDisk("/etc/systemd/system/Tentacle.service")));
        Assert.True((string?)healthCheck["State"] == "Success", healthCheck.ToJsonString());
        Assert.Equal("Healthy", (string?)machine["HealthStatus"]);
    }

    [Fact]
    public async Task A_rebuilt_vm_has_a_new_host_key_and_no_tentacle_until_the_same_pfx_is_imported_again()
    {
        var host = fixture.Lab.LinuxHosts[1];
        const string trusted = "0123456789ABCDEF0123456789ABCDEF01234567";
        await TentacleInstallation.OnLinuxAsync(host, fixture.Installers, fixture.Pfx, trusted);
        var before = await TentacleEndpoint.ThumbprintAsync(host.Address);
        var oldHostKey = host.HostKeyFingerprint;

        await host.RecreateAsync();

        await Assert.ThrowsAnyAsync<SshException>(() => LabConnection.OpenAsync(host, pinnedHostKey: oldHostKey));
        using (var rebuilt = await LabConnection.OpenAsync(host))
        {
            var state = await rebuilt.RunAsync("find /opt/octopus /etc/octopus -mindepth 1 | wc -l; systemctl is-active Tentacle");

            Assert.NotEqual(oldHostKey, rebuilt.PresentedHostKey);
            Assert.Equal(host.HostKeyFingerprint, rebuilt.PresentedHostKey);
            Assert.Equal("0\ninactive\n", state.Output);
            Assert.False(await TentacleEndpoint.IsListeningAsync(host.Address));
        }

        await TentacleInstallation.OnLinuxAsync(host, fixture.Installers, fixture.Pfx, trusted);
        using var reinstalled = await LabConnection.OpenAsync(host);
        var shown = await reinstalled.RunAsync(ShowThumbprint);
        var after = await TentacleEndpoint.ThumbprintAsync(host.Address);

        Assert.Equal(fixture.Pfx.Thumbprint, before);
        Assert.Equal(before, shown.Output);
        Assert.Equal(before, after);
    }
}
