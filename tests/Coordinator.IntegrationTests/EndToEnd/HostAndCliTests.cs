using System.Text.Json;
using Coordinator.IntegrationTests.Harness;

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
    public async Task A_run_whose_api_key_the_host_cannot_read_is_refused_before_any_host_is_touched()
    {
        var identity = Path.Combine(_dataDirectory, "id_ed25519");
        await File.WriteAllTextAsync(identity, "not used: the run is refused first\n");
        var inventory = Path.Combine(_dataDirectory, "fleet.yaml");
        await File.WriteAllTextAsync(inventory, $$"""
            octopus:
              url: http://127.0.0.1:9/
              api-key: env:COORD_TEST_KEY_THAT_IS_NOT_SET
            defaults:
              ssh: { identity: {{identity}}, host-key-policy: off }
            environments:
              Production:
                hosts:
                  - { name: web-01, address: 127.0.0.1, os: linux }
            """);
        await using var host = await HostProcess.StartAsync(_dataDirectory);

        var bootstrap = await host.Cli.RunAsync("bootstrap", "-i", inventory, "--follow");
        var runs = await host.Cli.RunAsync("runs", "--json");

        Assert.True(bootstrap.ExitCode == 2, bootstrap.ToString());
        Assert.Contains("env:COORD_TEST_KEY_THAT_IS_NOT_SET", bootstrap.StandardError);
        Assert.Contains("is not set", bootstrap.StandardError);
        Assert.Equal("[]", runs.StandardOutput.Trim());
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "keys", "certificates.key")), "no identity is issued for a refused run");
        Assert.Equal(0, await host.StopAsync());
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static JsonElement Property(JsonElement element, string name) =>
        element.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
