using System.Text.Json;
using Coordinator.IntegrationTests.Harness;
using Coordinator.Lab;

namespace Coordinator.IntegrationTests.Bootstrap;

public sealed class FaultLab() : BootstrapLab(linux: 10, windows: 0);

/// <summary>
/// Runs that meet trouble: an unreachable host, a flaky Octopus Server, a wrong API key, a crash of the coordinator;
/// and the debugging switch for them, a sequential run that shows what the host printed.
/// </summary>
[Collection(nameof(FaultyFleetTests))]
public sealed class FaultyFleetTests(FaultLab fixture) : IClassFixture<FaultLab>, IDisposable
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(6);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("coordinator-faults-").FullName;

    private static readonly IReadOnlyDictionary<string, string?> QuickToGiveUp = new Dictionary<string, string?>(LabInventory.CoordinatorEnvironment)
    {
        ["COORD_STEP_ATTEMPTS"] = "3",
    };

    [Fact]
    public async Task An_unreachable_host_fails_with_a_clear_reason_while_the_others_register_through_a_flaky_octopus()
    {
        var hosts = fixture.Lab.Hosts.Take(4).ToList();
        var unreachable = hosts[^1];
        var inventory = fixture.WriteInventory("flaky.yaml", hosts);
        await using var host = await HostProcess.StartAsync(_dataDirectory, QuickToGiveUp);
        await unreachable.MakeUnreachableAsync();
        fixture.Octopus.Faults.SetErrorRate(503, 0.2);
        ProcessResult run;
        try
        {
            run = await host.Cli.RunAsync(RunLimit, "bootstrap", "-i", inventory, "--follow", "--json");
        }
        finally
        {
            fixture.Octopus.Faults.Clear();
            unreachable.RestoreReachability();
        }

        Assert.True(run.ExitCode == 1, run + host.Output);
        var report = JsonDocument.Parse(run.StandardOutput).RootElement;
        var outcomes = report.GetProperty("hosts").EnumerateArray()
            .ToDictionary(h => h.GetProperty("host").GetString()!, h => (h.GetProperty("outcome").GetString(), h.GetProperty("reason").GetString()));
        Assert.All(hosts.Take(3), h => Assert.Equal("succeeded", outcomes[h.Name].Item1));
        Assert.Equal("failed", outcomes[unreachable.Name].Item1);
        Assert.Contains(unreachable.Name, outcomes[unreachable.Name].Item2);
        Assert.Contains("gave up after 3 attempts", outcomes[unreachable.Name].Item2);
        Assert.True(fixture.Octopus.Requests.Entries.Any(r => r.StatusCode == 503), "the double injected no 503: the test proves nothing");
        Assert.All(hosts.Take(3), h => Assert.Single(fixture.Octopus.State.Machines, m => m.Name == h.Name));
        Assert.DoesNotContain(fixture.Octopus.State.Machines, m => m.Name == unreachable.Name);
    }

    [Fact]
    public async Task A_wrong_api_key_is_reported_before_any_host_is_touched()
    {
        var hosts = fixture.Lab.Hosts.Skip(4).Take(2).ToList();
        var wrongKey = Path.Combine(fixture.WorkDirectory, "wrong-api-key");
        await File.WriteAllTextAsync(wrongKey, "API-WRONGWRONGWRONGWRONGWRONG\n");
        var inventory = fixture.WriteInventory("wrong-key.yaml", hosts, apiKey: "file:" + wrongKey);
        await using var host = await HostProcess.StartAsync(_dataDirectory, QuickToGiveUp);

        var run = await host.Cli.RunAsync("bootstrap", "-i", inventory, "--follow");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("rejected the API key from file:" + wrongKey, run.StandardError);
        Assert.DoesNotContain("API-WRONG", run.StandardError + run.StandardOutput + host.Output);
        Assert.All(hosts, h => Assert.Empty(Directory.EnumerateFileSystemEntries(h.PathOnDisk("/opt/octopus"))));
        Assert.All(hosts, h => Assert.Empty(Directory.EnumerateFileSystemEntries(h.PathOnDisk("/etc/octopus"))));
        Assert.DoesNotContain(fixture.Octopus.State.Machines, m => hosts.Any(h => h.Name == m.Name));
    }

    [Fact]
    public async Task A_run_cut_short_by_kill_9_finishes_by_itself_after_a_restart_and_registers_each_host_once()
    {
        var hosts = fixture.Lab.Hosts.Skip(6).Take(3).ToList();
        var inventory = fixture.WriteInventory("crash.yaml", hosts);
        var host = await HostProcess.StartAsync(_dataDirectory, LabInventory.CoordinatorEnvironment);
        try
        {
            var started = await host.Cli.RunAsync("bootstrap", "-i", inventory, "--json");
            Assert.True(started.ExitCode == 0, started.ToString());
            var runId = JsonDocument.Parse(started.StandardOutput).RootElement.GetProperty("runId").GetString()!;
            Assert.True(await Poll.UntilAsync(() => StepsFinished(runId) >= 3, TimeSpan.FromMinutes(2)), "no step finished before the crash\n" + host.Output);
            await host.CrashAsync();
            await host.DisposeAsync();

            host = await HostProcess.StartAsync(_dataDirectory, LabInventory.CoordinatorEnvironment);
            var finished = await Poll.UntilAsync(async () =>
            {
                var runs = await host.Cli.RunAsync("runs", "--json");
                return runs.StandardOutput.Contains("\"completed\"", StringComparison.Ordinal);
            }, RunLimit);

            Assert.True(finished, "the run did not finish after the restart\n" + host.Output);
            var run = JsonDocument.Parse((await host.Cli.RunAsync("runs", "--json")).StandardOutput).RootElement[0];
            Assert.Equal((runId, 3, 0), (run.GetProperty("runId").GetString(), run.GetProperty("succeeded").GetInt32(), run.GetProperty("failed").GetInt32()));
            Assert.All(hosts, h => Assert.Single(fixture.Octopus.State.Machines, m => m.Name == h.Name));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_sequential_run_followed_through_a_pipe_shows_every_line_the_hosts_commands_printed()
    {
        var target = fixture.Lab.Hosts[9];
        var inventory = fixture.WriteInventory("sequential.yaml", [target]);
        await using var host = await HostProcess.StartAsync(_dataDirectory, LabInventory.CoordinatorEnvironment);

        var run = await host.Cli.RunAsync(RunLimit, "bootstrap", "-i", inventory, "--sequential", "--follow");

        Assert.True(run.ExitCode == 0, run + host.Output);
        var lines = run.StandardOutput.Split('\n');
        Assert.Contains($"{target.Name} [Probe] | tentacle-probe-end=1", lines);
        Assert.Contains(lines, line => line.StartsWith($"{target.Name} [Install] | Tentacle ", StringComparison.Ordinal) && line.EndsWith(" is installed at /opt/octopus/tentacle/Tentacle.", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith($"{target.Name} [ImportCertificate] | The instance presents certificate ", StringComparison.Ordinal));
        Assert.True(
            Array.FindIndex(lines, line => line.StartsWith($"{target.Name} [Probe] |", StringComparison.Ordinal)) <
            Array.FindIndex(lines, line => line.StartsWith($"{target.Name} [Install] |", StringComparison.Ordinal)),
            run.StandardOutput);

        // The host's own words reach the operator's terminal: neither the API key nor the certificate may be among them.
        Assert.Equal(0, await host.StopAsync());
        var certificates = await SecretSweep.RetainedCertificatesAsync(_dataDirectory, [target.Name]);
        Assert.Empty(SecretSweep.Leaks([SecretSweep.Text("coord --follow", run.StandardOutput + run.StandardError)], fixture.Octopus.ApiKey, certificates));
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private int StepsFinished(string runId)
    {
        var logs = Path.Combine(_dataDirectory, "logs");
        return !Directory.Exists(logs)
            ? 0
            : Directory.GetFiles(logs, "*.clef").SelectMany(ReadShared).Count(line => line.Contains(runId, StringComparison.Ordinal) && line.Contains("\"Detail\"", StringComparison.Ordinal));
    }

    private static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }
}
