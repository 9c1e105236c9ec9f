using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Coordinator.IntegrationTests.Harness;
using Coordinator.Lab;

namespace Coordinator.IntegrationTests.Bootstrap;

public sealed class CertificateLab() : BootstrapLab(linux: 2, windows: 0);

/// <summary>
/// <c>coord certs</c> and <c>coord forget</c> against the real host, a lab host and the Octopus Server double: an
/// exported certificate opens with the operator's password, a forgotten machine leaves Octopus, and a certificate
/// imported for a rebuilt host brings back its old thumbprint.
/// </summary>
public sealed class CertificateLifecycleTests(CertificateLab fixture) : IClassFixture<CertificateLab>, IDisposable
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);

    /// <summary>coord's answer limit: the CI box runs every test assembly at once on 2 cores.</summary>
    private const string Patience = "45s";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("coordinator-certs-").FullName;

    [Fact]
    public async Task An_exported_certificate_imported_after_forget_and_rebuild_returns_the_machine_with_its_thumbprint()
    {
        var labHost = fixture.Lab.Hosts[0];
        var inventory = fixture.WriteInventory("certs.yaml", [labHost]);
        var password = Path.Combine(fixture.WorkDirectory, "pfx-password");
        await File.WriteAllTextAsync(password, "correct horse battery staple\n");
        var exported = Path.Combine(fixture.WorkDirectory, "exported.pfx");
        await using var host = await HostProcess.StartAsync(_dataDirectory, LabInventory.CoordinatorEnvironment);
        var first = await host.Cli.RunAsync(RunLimit, "bootstrap", "-i", inventory, "--follow");
        Assert.True(first.ExitCode == 0, first + host.Output);
        var thumbprint = fixture.Octopus.State.Machines.Single(m => m.Name == labHost.Name).Endpoint.Thumbprint;

        var list = await host.Cli.RunAsync("certs", "list", "--json", "--timeout", Patience);
        var export = await host.Cli.RunAsync("certs", "export", "--host", labHost.Name, "--out", exported, "--password-file", password, "--timeout", Patience);

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(thumbprint, JsonDocument.Parse(list.StandardOutput).RootElement[0].GetProperty("thumbprint").GetString());
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(exported));
        using (var pfx = X509CertificateLoader.LoadPkcs12FromFile(exported, "correct horse battery staple"))
        {
            Assert.Equal((thumbprint, true), (pfx.Thumbprint, pfx.HasPrivateKey));
        }

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => X509CertificateLoader.LoadPkcs12FromFile(exported, "wrong"));

        var unconfirmed = await host.Cli.RunAsync("forget", "--host", labHost.Name, "--timeout", Patience);
        Assert.Equal(2, unconfirmed.ExitCode);
        Assert.Contains("--yes", unconfirmed.StandardError);
        Assert.Single(fixture.Octopus.State.Machines, m => m.Name == labHost.Name);

        var forget = await host.Cli.RunAsync("forget", "--host", labHost.Name, "--yes", "--timeout", Patience);
        var afterForget = await host.Cli.RunAsync("certs", "list", "--json", "--timeout", Patience);

        Assert.True(forget.ExitCode == 0, forget.ToString());
        Assert.DoesNotContain(fixture.Octopus.State.Machines, m => m.Name == labHost.Name);
        Assert.True(afterForget.ExitCode == 0, afterForget.ToString());
        Assert.Equal("[]", afterForget.StandardOutput.Trim());

        await labHost.RecreateAsync();
        var import = await host.Cli.RunAsync(
            "certs", "import", "--host", labHost.Name, "--pfx", exported, "--password-file", password, "-e", BootstrapLab.Environment, "--timeout", Patience);
        Assert.True(import.ExitCode == 0, import.ToString());
        var again = await host.Cli.RunAsync(RunLimit, "bootstrap", "-i", inventory, "--follow");

        Assert.True(again.ExitCode == 0, again + host.Output);
        Assert.Equal(thumbprint, fixture.Octopus.State.Machines.Single(m => m.Name == labHost.Name).Endpoint.Thumbprint);
        Assert.DoesNotContain("correct horse", host.Output + string.Concat(Directory.GetFiles(Path.Combine(_dataDirectory, "logs")).Select(File.ReadAllText)));
    }

    [Fact]
    public async Task Under_accept_new_a_rebuilt_hosts_new_key_is_refused_across_a_restart_until_an_operator_resets_it()
    {
        var labHost = fixture.Lab.Hosts[1];
        var inventory = fixture.WriteInventory("accept-new.yaml", [labHost], hostKeyPolicy: "accept-new");
        var host = await HostProcess.StartAsync(_dataDirectory, LabInventory.CoordinatorEnvironment);
        try
        {
            var first = await host.Cli.RunAsync(RunLimit, "bootstrap", "-i", inventory, "--follow");
            Assert.True(first.ExitCode == 0, first + host.Output);
            var oldKey = labHost.HostKeyFingerprint;
            await labHost.RecreateAsync();
            await host.StopAsync();
            await host.DisposeAsync();
            host = await HostProcess.StartAsync(_dataDirectory, LabInventory.CoordinatorEnvironment);

            var refused = await host.Cli.RunAsync(RunLimit, "bootstrap", "-i", inventory, "--follow");

            Assert.True(refused.ExitCode == 1, refused + host.Output);
            Assert.Contains(labHost.HostKeyFingerprint, refused.StandardOutput);
            Assert.Contains(oldKey, refused.StandardOutput);
            Assert.Contains($"coord hosts reset-key --host {labHost.Name}", refused.StandardOutput);

            var reset = await host.Cli.RunAsync("hosts", "reset-key", "--host", labHost.Name, "--timeout", Patience);
            var accepted = await host.Cli.RunAsync(RunLimit, "bootstrap", "-i", inventory, "--follow");

            Assert.True(reset.ExitCode == 0, reset.ToString());
            Assert.Contains(oldKey, reset.StandardOutput);
            Assert.True(accepted.ExitCode == 0, accepted + host.Output);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
