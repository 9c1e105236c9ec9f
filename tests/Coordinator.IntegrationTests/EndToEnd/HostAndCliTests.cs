using System.Text.Json;
using Coordinator.IntegrationTests.Harness;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;

namespace Coordinator.IntegrationTests.EndToEnd;

/// <summary>The real host process driven by the real <c>coord</c> process over Akka.Remote.</summary>
public sealed class HostAndCliTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("coord-e2e-").FullName;

    [Fact]
    public async Task Ping_and_status_answer_while_the_host_runs_and_ping_fails_clearly_once_it_stops()
    {
        await using var host = await HostProcess.StartAsync(_dataDirectory);

        var ping = await host.Cli.RunAsync("ping", "--json");
        Assert.True(ping.ExitCode == 0, ping.ToString());
        using (var pong = JsonDocument.Parse(ping.StandardOutput))
        {
            var root = pong.RootElement;
            Assert.Equal("sqlite", Property(root, "StoreKind").GetString());
            Assert.StartsWith(_dataDirectory, Property(root, "StoreLocation").GetString());
            Assert.Contains($"127.0.0.1:{host.Port}", Property(root, "NodeAddress").GetString());
            Assert.False(string.IsNullOrWhiteSpace(Property(root, "Version").GetString()));
        }

        var status = await host.Cli.RunAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("No machines", status.StandardOutput);

        var statusJson = await host.Cli.RunAsync("status", "--json");
        Assert.True(statusJson.ExitCode == 0, statusJson.ToString());
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(statusJson.StandardOutput).RootElement.ValueKind);

        var runs = await host.Cli.RunAsync("runs");
        Assert.True(runs.ExitCode == 0, runs.ToString());
        Assert.Contains("No runs yet", runs.StandardOutput);

        var cancelUnknown = await host.Cli.RunAsync("cancel", "--run", "run-404");
        Assert.Equal(1, cancelUnknown.ExitCode);
        Assert.Contains("there is no run run-404", cancelUnknown.StandardError);

        Assert.Equal(0, await host.StopAsync());

        var afterStop = await host.Cli.RunAsync("ping");
        Assert.Equal(2, afterStop.ExitCode);
        Assert.Contains(host.Cli.Endpoint, afterStop.StandardError);
        Assert.Single(afterStop.StandardError.Trim().Split('\n'));
    }

    [Fact]
    public async Task The_host_writes_a_structured_log_file_in_the_data_directory()
    {
        await using (var host = await HostProcess.StartAsync(_dataDirectory))
        {
            Assert.Equal(0, await host.StopAsync());
        }

        var logFile = Assert.Single(Directory.GetFiles(Path.Combine(_dataDirectory, "logs"), "*.clef"));
        var events = File.ReadAllLines(logFile).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.True(e.TryGetProperty("@t", out _), "every CLEF event has a timestamp"));
        Assert.Contains(events, e => e.TryGetProperty("@mt", out var template) && template.GetString()!.Contains("ready", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_run_retains_each_hosts_certificate_under_a_private_key_file_and_reports_every_host()
    {
        await using var host = await HostProcess.StartAsync(_dataDirectory);
        await using (var admin = RemoteAdmin.Connect(host.Port))
        {
            var spec = new MachineSpec(
                "Production", "10.30.0.1", HostPlatform.Linux, ["web-server"], [], "Default Machine Policy",
                new SshSpec("root", 22, "/keys/id_ed25519", "off", "/keys/known_hosts", TimeSpan.FromMinutes(1)),
                new TentacleSpec("Tentacle", 10933, "any", null, "/opt/octopus/tentacle",
                    "/etc/octopus/Tentacle/tentacle-Tentacle.config", "/etc/octopus/Tentacle", "/home/Octopus/Applications"));
            var accepted = await admin.AskAsync<FleetCommands.RunAccepted>(
                new FleetCommands.StartRun("run-e2e", [new RunHost("web-01", spec)], RunOptions.Default));
            Assert.Equal(1, accepted.Hosts);
        }

        // No step runner is wired into this build yet, so the host fails at its first step — after its identity
        // was issued, sealed and persisted.
        ProcessResult runs;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            runs = await host.Cli.RunAsync("runs", "--json");
        }
        while (!runs.StandardOutput.Contains("\"completed\"") && DateTime.UtcNow < deadline);

        var run = JsonDocument.Parse(runs.StandardOutput).RootElement[0];
        Assert.Equal(("run-e2e", "completed", 1), (run.GetProperty("runId").GetString(), run.GetProperty("status").GetString(), run.GetProperty("failed").GetInt32()));
        var status = await host.Cli.RunAsync("status", "--json");
        var machine = JsonDocument.Parse(status.StandardOutput).RootElement[0];
        Assert.Equal("failed", machine.GetProperty("status").GetString());
        Assert.Contains("no IBootstrapStepRunner", machine.GetProperty("lastError").GetString());

        var keyFile = Path.Combine(_dataDirectory, "keys", "certificates.key");
        Assert.True(File.Exists(keyFile), "the certificate key is created on first use");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(0, await host.StopAsync());
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static JsonElement Property(JsonElement element, string name) =>
        element.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
