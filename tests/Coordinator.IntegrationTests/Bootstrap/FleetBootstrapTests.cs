using System.Net.Security;
using System.Net.Sockets;
using System.Text.Json;
using Coordinator.IntegrationTests.Harness;
using Coordinator.Lab;

namespace Coordinator.IntegrationTests.Bootstrap;

public sealed class FleetLab() : BootstrapLab(linux: 20, windows: 5);

/// <summary>
/// The product's main job end to end: the real host process and <c>coord</c>, real sshd hosts with the Tentacle double,
/// the Octopus Server double. A fleet is bootstrapped in parallel, some hosts are destroyed and recreated, and they come
/// back as the same Octopus machines with the same thumbprints.
/// </summary>
public sealed class FleetBootstrapTests(FleetLab fixture) : IClassFixture<FleetLab>, IDisposable
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(8);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("coordinator-fleet-").FullName;

    [Fact]
    public async Task A_fleet_bootstraps_in_parallel_and_recreated_hosts_return_as_the_same_machines()
    {
        var hosts = fixture.Lab.Hosts;
        var inventory = fixture.WriteInventory("fleet.yaml", hosts);
        await using var host = await HostProcess.StartAsync(_dataDirectory, LabInventory.CoordinatorEnvironment);

        var first = await host.Cli.RunAsync(RunLimit, "bootstrap", "-i", inventory, "--follow");

        Assert.True(first.ExitCode == 0, first + host.Output);
        var machines = fixture.Octopus.State.Machines;
        Assert.Equal(hosts.Select(h => h.Name).Order(), machines.Select(m => m.Name).Order());
        foreach (var labHost in hosts)
        {
            var machine = machines.Single(m => m.Name == labHost.Name);
            Assert.Equal($"https://{labHost.Address}:10933/", machine.Endpoint.Uri);
            Assert.Equal(machine.Endpoint.Thumbprint, await PresentedThumbprintAsync(labHost));
            Assert.Equal("Healthy", machine.HealthStatus);
        }

        var before = machines.ToDictionary(m => m.Name, m => (m.Id, m.Endpoint.Thumbprint));
        var rebuilt = fixture.Lab.LinuxHosts.Take(3).Concat(fixture.Lab.WindowsHosts.Take(2)).ToList();
        await Task.WhenAll(rebuilt.Select(h => h.RecreateAsync()));

        var second = await host.Cli.RunAsync(RunLimit, "bootstrap", "-i", inventory, "--follow");

        Assert.True(second.ExitCode == 0, second + host.Output);
        var after = fixture.Octopus.State.Machines;
        Assert.Equal(hosts.Count, after.Count);
        Assert.Equal(before, after.ToDictionary(m => m.Name, m => (m.Id, m.Endpoint.Thumbprint)));
        foreach (var labHost in rebuilt)
        {
            Assert.Equal(before[labHost.Name].Thumbprint, await PresentedThumbprintAsync(labHost));
        }

        var converged = await host.Cli.RunAsync(RunLimit, "bootstrap", "-i", inventory, "--follow", "--json");

        Assert.True(converged.ExitCode == 0, converged + host.Output);
        var runId = JsonDocument.Parse(converged.StandardOutput).RootElement.GetProperty("runId").GetString()!;
        var steps = StepEvents(runId);
        Assert.Equal(hosts.Count, steps.Count(e => e.Step == "Probe"));
        Assert.All(steps.Where(e => e.Step is "Install" or "CreateInstance" or "ImportCertificate" or "Configure" or "StartService"),
            e => Assert.StartsWith("skipped:", e.Detail));
        Assert.Equal(hosts.Count, fixture.Octopus.State.Machines.Count);

        var output = host.Output;
        Assert.Equal(0, await host.StopAsync());
        var keyFile = Path.Combine(_dataDirectory, "keys", "certificates.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        var certificates = await SecretSweep.RetainedCertificatesAsync(_dataDirectory, hosts.Select(h => h.Name));
        Assert.Equal(hosts.Count, certificates.Count);
        var places = SecretSweep.FilesUnder(Path.Combine(_dataDirectory, "logs"))
            .Concat(SecretSweep.Files(Directory.GetFiles(_dataDirectory, "coordinator.db*")))
            .Concat(hosts.SelectMany(h => HostPaths(h).SelectMany(path => SecretSweep.FilesUnder(h.PathOnDisk(path)))))
            .Append(SecretSweep.Text("host console", output))
            .Concat(new[] { first, second, converged }.Select((run, i) => SecretSweep.Text($"coord run {i + 1}", run.StandardOutput + run.StandardError)));
        Assert.Empty(SecretSweep.Leaks(places, fixture.Octopus.ApiKey, certificates));
        Assert.All(hosts, h => Assert.Empty(HostPaths(h).SelectMany(path => Directory.EnumerateFiles(h.PathOnDisk(path), "*.pfx", SearchOption.AllDirectories))));
    }

    /// <summary>Where on a host the bootstrap writes or could leave files: uploads, Tentacle's home and logs.</summary>
    private static string[] HostPaths(LabHost host) => host.Flavour == LabHostFlavour.Windows
        ? ["/tmp", "/var/tmp", "/root", "/var/log", "/windows/c"]
        : ["/tmp", "/var/tmp", "/root", "/var/log", "/etc/octopus", "/home/Octopus"];

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    /// <summary>Every "Step ... finished" event of a run, from the host's CLEF log.</summary>
    private List<(string Host, string Step, string Detail)> StepEvents(string runId) =>
        [.. Directory.GetFiles(Path.Combine(_dataDirectory, "logs"), "*.clef")
            .SelectMany(File.ReadAllLines)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.TryGetProperty("RunId", out var run) && run.GetString() == runId && e.TryGetProperty("Detail", out _))
            .Select(e => (e.GetProperty("Host").GetString()!, e.GetProperty("Step").GetString()!, e.GetProperty("Detail").GetString()!))];

    private static async Task<string> PresentedThumbprintAsync(LabHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.Address, 10933, timeout.Token);
        string? thumbprint = null;
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = host.Address.ToString(),
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
            {
                thumbprint = presented?.GetCertHashString();
                return true;
            },
        }, timeout.Token);
        return thumbprint!;
    }
}
