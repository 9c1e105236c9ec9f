using System.Text.Json;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;
using static Coordinator.Protocol.Admin.AdminMessages;

namespace Coordinator.Cli.Tests;

/// <summary>
/// <c>coord bootstrap</c> and <c>coord retry</c>: the inventory is checked here before anything is sent, the run is
/// sent as specs holding references (never the API key), and <c>--follow</c> ends with every host's outcome.
/// </summary>
public sealed class BootstrapCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("coord-bootstrap-");

    [Fact]
    public async Task A_malformed_inventory_is_reported_with_file_and_line_and_nothing_is_sent()
    {
        var sent = new List<object>();
        await using var coordinator = StandInCoordinator.Start(request => { sent.Add(request); return null; });
        var inventory = Write("fleet.yaml", Inventory().Replace("    hosts:", "    hostz:"));
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["bootstrap", "-i", inventory, "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Matches(@"fleet\.yaml:8:5: unknown key 'hostz' in environment 'Production' — did you mean 'hosts'\?", captured.Error);
        Assert.Empty(sent);
    }

    [Fact]
    public async Task An_unknown_host_is_named_with_a_suggestion_before_anything_is_sent()
    {
        var sent = new List<object>();
        await using var coordinator = StandInCoordinator.Start(request => { sent.Add(request); return null; });
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(
            ["bootstrap", "-i", Write("fleet.yaml", Inventory()), "--hosts", "web-1", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Contains("unknown host 'web-1' — did you mean 'web-01'?", captured.Error);
        Assert.Empty(sent);
    }

    [Theory]
    [InlineData("--max-fail", "0.5")]
    [InlineData("--max-fail", "101%")]
    [InlineData("--max-parallel", "0")]
    public async Task Bad_run_options_are_usage_errors(string option, string value)
    {
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["bootstrap", "-i", Write("fleet.yaml", Inventory()), option, value], captured.Terminal);

        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Contains(option, captured.Error);
    }

    [Fact]
    public async Task The_run_carries_each_hosts_spec_and_options_and_the_api_key_only_as_its_reference()
    {
        FleetCommands.StartRun? started = null;
        await using var coordinator = StandInCoordinator.Start(request =>
        {
            if (request is FleetCommands.StartRun start)
            {
                started = start;
                return new FleetCommands.RunAccepted(start.RunId, start.Hosts.Count);
            }

            return null;
        });
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(
            ["bootstrap", "-i", Write("fleet.yaml", Inventory()), "--environment", "production", "--max-parallel", "3", "--max-fail", "10%",
             "--replace-existing", "--json", "--endpoint", coordinator.Endpoint.ToString()],
            captured.Terminal);

        Assert.Equal((int)ExitCode.Ok, exitCode);
        Assert.NotNull(started);
        Assert.Equal(["web-01", "web-02"], started.Hosts.Select(h => h.Host));
        Assert.Equal(new RunOptions(3, new FailureThreshold(null, 10), false), started.Options);
        var spec = started.Hosts[0].Spec;
        Assert.Equal(("Production", "127.0.0.2", HostPlatform.Linux), (spec.Environment, spec.Address, spec.Os));
        Assert.Equal(new OctopusTarget("https://octopus.example.com/", null, "env:OCTOPUS_API_KEY", ReplaceExisting: true), spec.Octopus);
        Assert.Equal(Path.Combine(_directory.FullName, "id_ed25519"), spec.Ssh.IdentityFile);
        Assert.Equal(started.RunId, JsonDocument.Parse(captured.Out).RootElement.GetProperty("runId").GetString());
    }

    [Fact]
    public async Task A_refused_run_is_a_usage_error_with_the_coordinators_reason()
    {
        await using var coordinator = StandInCoordinator.Start(request => request is FleetCommands.StartRun
            ? new RequestFailed("the Octopus Server at https://octopus.example.com/ rejected the API key from env:OCTOPUS_API_KEY")
            : null);
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(
            ["bootstrap", "-i", Write("fleet.yaml", Inventory()), "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Contains("rejected the API key from env:OCTOPUS_API_KEY", captured.Error);
    }

    [Fact]
    public async Task Follow_prints_each_change_then_every_hosts_outcome_and_exits_1_when_a_host_failed()
    {
        var polls = 0;
        await using var coordinator = StandInCoordinator.Start(request => request switch
        {
            FleetCommands.StartRun start => new FleetCommands.RunAccepted(start.RunId, start.Hosts.Count),
            FleetCommands.GetRunProgress progress => Interlocked.Increment(ref polls) == 1
                ? Progress(progress.RunId, RunStatus.Running,
                    new HostProgress("web-01", "Production", HostRunState.Running, BootstrapStep.Install, 1, TimeSpan.FromSeconds(3), null, "Probe took 0.4 s: to do: install"),
                    new HostProgress("web-02", "Production", HostRunState.Pending, null, 0, TimeSpan.Zero, null))
                : Progress(progress.RunId, RunStatus.Completed,
                    new HostProgress("web-01", "Production", HostRunState.Succeeded, null, 0, TimeSpan.Zero, null),
                    new HostProgress("web-02", "Production", HostRunState.Failed, null, 0, TimeSpan.Zero, "Probe: web-02 (127.0.0.3:22) did not answer")),
            _ => null,
        });
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(
            ["bootstrap", "-i", Write("fleet.yaml", Inventory()), "--follow", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.OperationFailed, exitCode);
        var lines = captured.Out.Split('\n');
        Assert.True(Array.IndexOf(lines, "web-01: Probe took 0.4 s: to do: install") is >= 0 and var probe && probe < Array.IndexOf(lines, "web-01: Install"), captured.Out);
        Assert.Contains("web-02: failed: Probe: web-02 (127.0.0.3:22) did not answer", lines);
        Assert.Contains(lines, line => line.Contains("web-02") && line.Contains("failed") && line.Contains("did not answer") && line.Contains('│'));
        Assert.Contains("1 succeeded, 1 failed, 0 not run, of 2.", captured.Out);
    }

    [Fact]
    public async Task Follow_of_a_sequential_run_prints_every_line_the_host_printed_once_and_in_order()
    {
        var asked = new System.Collections.Concurrent.ConcurrentQueue<long?>();
        var polls = 0;
        RunOutputLine Line(long sequence, string text, bool error = false) => new(sequence, "web-01", BootstrapStep.Install, error, text);
        await using var coordinator = StandInCoordinator.Start(request => request switch
        {
            FleetCommands.StartRun start => new FleetCommands.RunAccepted(start.RunId, start.Hosts.Count),
            FleetCommands.GetRunProgress progress => Interlocked.Increment(ref polls) switch
            {
                1 => Record(asked, progress, Progress(progress.RunId, RunStatus.Running,
                        new HostProgress("web-01", "Production", HostRunState.Running, BootstrapStep.Install, 1, TimeSpan.FromSeconds(3), null))
                    with { Output = [Line(1, "Extracting tentacle.tar.gz"), Line(2, "tar: warning: timestamp in the future", error: true)] }),
                _ => Record(asked, progress, Progress(progress.RunId, RunStatus.Completed,
                        new HostProgress("web-01", "Production", HostRunState.Succeeded, null, 0, TimeSpan.Zero, null))
                    with { Output = [Line(3, "Tentacle 8.3.2971 installed")] }),
            },
            _ => null,
        });
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(
            ["bootstrap", "-i", Write("fleet.yaml", Inventory()), "--sequential", "--follow", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.Ok, exitCode);
        var lines = captured.Out.Split('\n');
        var streamed = lines.Where(line => line.StartsWith("web-01 [Install]", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["web-01 [Install] | Extracting tentacle.tar.gz", "web-01 [Install] stderr | tar: warning: timestamp in the future", "web-01 [Install] | Tentacle 8.3.2971 installed"],
            streamed);
        Assert.Equal([0L, 2L], asked);
    }

    private static object Record(System.Collections.Concurrent.ConcurrentQueue<long?> asked, FleetCommands.GetRunProgress request, object reply)
    {
        asked.Enqueue(request.OutputAfter);
        return reply;
    }

    [Fact]
    public async Task Dry_run_prints_the_checks_and_each_hosts_plan()
    {
        await using var coordinator = StandInCoordinator.Start(request => request is FleetCommands.PlanRun plan
            ? new FleetCommands.RunPlan(
                ["the API key (env:OCTOPUS_API_KEY) belongs to coordinator"],
                [],
                [.. plan.Hosts.Select(h => new HostPlan(h.Host, h.Spec.Environment, h.Spec.Address, h.Spec.Os, "instance Tentacle, port 10933", ["probe", "install"]))])
            : null);
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(
            ["bootstrap", "-i", Write("fleet.yaml", Inventory()), "--dry-run", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.Ok, exitCode);
        Assert.Contains("ok       the API key (env:OCTOPUS_API_KEY) belongs to coordinator", captured.Out);
        Assert.True(captured.Out.Contains("web-02 (linux, 127.0.0.3) in Production: Tentacle instance Tentacle, port 10933", StringComparison.Ordinal), captured.Out);
        Assert.Contains("  2. install", captured.Out);
        Assert.Contains("Dry run: 3 hosts would be bootstrapped; nothing was touched.", captured.Out);
    }

    [Fact]
    public async Task Retry_asks_for_a_new_run_of_the_old_runs_unsuccessful_hosts()
    {
        FleetCommands.RetryRun? asked = null;
        await using var coordinator = StandInCoordinator.Start(request =>
        {
            if (request is FleetCommands.RetryRun retry)
            {
                asked = retry;
                return new FleetCommands.RunAccepted(retry.NewRunId, 2);
            }

            return null;
        });
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["retry", "--run", "run-7", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.Ok, exitCode);
        Assert.Equal("run-7", asked!.RunId);
        Assert.NotEqual("run-7", asked.NewRunId);
        Assert.Contains($"Run {asked.NewRunId} started for 2 hosts.", captured.Out);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static FleetCommands.RunProgress Progress(string runId, RunStatus status, params HostProgress[] hosts) => new(
        new RunSummary(runId, status, hosts.Length, hosts.Count(h => h.State == HostRunState.Succeeded), hosts.Count(h => h.State == HostRunState.Failed),
            DateTimeOffset.UtcNow.AddMinutes(-1), status == RunStatus.Running ? null : DateTimeOffset.UtcNow),
        hosts);

    private string Write(string name, string text)
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "id_ed25519"), "key\n");
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Inventory() => """
        octopus:
          url: https://octopus.example.com
          api-key: env:OCTOPUS_API_KEY
        defaults:
          ssh: { identity: ./id_ed25519, host-key-policy: off }
        environments:
          Production:
            hosts:
              - { name: web-01, address: 127.0.0.2, os: linux }
              - { name: web-02, address: 127.0.0.3, os: linux }
          Staging:
            hosts:
              - { name: stage-01, address: 127.0.0.4, os: linux }
        """;
}
