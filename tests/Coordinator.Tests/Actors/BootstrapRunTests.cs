using Akka.Actor;
using Akka.TestKit.Xunit2;
using Coordinator.Actors;
using Coordinator.Actors.Admin;
using Coordinator.Actors.Bootstrap;
using Coordinator.Actors.Machines;
using Coordinator.Protocol.Admin;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;

namespace Coordinator.Tests.Actors;

public sealed class BootstrapRunTests() : TestKit(ActorTestConfig.Create())
{
    private static readonly BootstrapPolicy FastPolicy =
        new(TimeSpan.FromSeconds(20), MaxAttempts: 2, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50));

    private static MachineSpec SpecFor(int n) => new(
        "Production",
        $"10.0.0.{n}",
        HostPlatform.Linux,
        ["web-server"],
        [],
        "Default Machine Policy",
        new SshSpec("root", 22, "/keys/id", "off", "/keys/known_hosts", TimeSpan.FromMinutes(1)),
        new TentacleSpec("Tentacle", 10933, "any", null, "/opt/octopus/tentacle",
            "/etc/octopus/Tentacle/tentacle-Tentacle.config", "/etc/octopus/Tentacle", "/home/Octopus/Applications"),
        new OctopusTarget("https://octopus.example.com/", null, "env:OCTOPUS_API_KEY", ReplaceExisting: false));

    private static IReadOnlyList<RunHost> Hosts(int count) =>
        Enumerable.Range(1, count).Select(n => new RunHost($"web-{n:00}", SpecFor(n))).ToList();

    private (IActorRef Machines, IActorRef Supervisor) StartCoordinator(ScriptedStepRunner runner, int globalLimit = 64)
    {
        var settings = new MachineActorSettings(TimeSpan.FromMinutes(5), 50, FastPolicy);
        var machines = Sys.ActorOf(MachineEntityParent.Props(
            new MachineMessageExtractor(), host => MachineActor.Props(host, settings, runner, new CountingCertificateIssuer())));
        var supervisor = Sys.ActorOf(BootstrapSupervisor.Props(machines, new BootstrapSupervisorSettings(globalLimit)));
        return (machines, supervisor);
    }

    private RunSummary AwaitRunEnd(IActorRef supervisor, string runId, TimeSpan? within = null)
    {
        RunSummary? summary = null;
        AwaitAssert(() =>
        {
            supervisor.Tell(FleetCommands.GetRuns.Instance);
            summary = ExpectMsg<FleetCommands.RunList>().Runs.Single(r => r.RunId == runId);
            Assert.NotEqual(RunStatus.Running, summary.Status);
        }, within ?? TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));
        return summary!;
    }

    private IReadOnlyList<MachineSummary> FleetStatus(IActorRef supervisor)
    {
        supervisor.Tell(AdminMessages.GetFleetStatus.Instance);
        return ExpectMsg<AdminMessages.FleetStatus>().Machines;
    }

    [Fact]
    public void A_run_bootstraps_every_host_and_the_fleet_shows_them_ready()
    {
        var runner = new ScriptedStepRunner();
        var (_, supervisor) = StartCoordinator(runner);

        supervisor.Tell(new FleetCommands.StartRun("run-1", Hosts(5), RunOptions.Default));
        Assert.Equal(5, ExpectMsg<FleetCommands.RunAccepted>().Hosts);

        var run = AwaitRunEnd(supervisor, "run-1");
        Assert.Equal((RunStatus.Completed, 5, 0), (run.Status, run.Succeeded, run.Failed));
        Assert.All(FleetStatus(supervisor), m => Assert.Equal(MachineStatus.Ready, m.Status));
        Assert.Equal(5 * ScriptedStepRunner.RunnerSteps.Count, runner.Requests.Count);
    }

    [Fact]
    public void No_more_hosts_are_in_flight_than_the_run_allows()
    {
        var runner = new ScriptedStepRunner().Hold(BootstrapStep.Probe);
        var (_, supervisor) = StartCoordinator(runner);

        supervisor.Tell(new FleetCommands.StartRun("run-1", Hosts(6), RunOptions.Default with { MaxParallel = 2 }));
        ExpectMsg<FleetCommands.RunAccepted>();
        AwaitAssert(() => Assert.Equal(2, runner.Requests.Select(r => r.Host).Distinct().Count()));
        Assert.Equal(2, FleetStatus(supervisor).Count(m => m.Status == MachineStatus.InProgress));

        runner.Release(BootstrapStep.Probe);
        Assert.Equal(RunStatus.Completed, AwaitRunEnd(supervisor, "run-1").Status);
        Assert.Equal(6, runner.Requests.Select(r => r.Host).Distinct().Count());
    }

    [Fact]
    public void The_global_limit_caps_every_run_together()
    {
        var runner = new ScriptedStepRunner().Hold(BootstrapStep.Probe);
        var (_, supervisor) = StartCoordinator(runner, globalLimit: 3);

        supervisor.Tell(new FleetCommands.StartRun("run-1", Hosts(4), RunOptions.Default));
        supervisor.Tell(new FleetCommands.StartRun("run-2", Hosts(8).Skip(4).ToList(), RunOptions.Default));
        ExpectMsg<FleetCommands.RunAccepted>();
        ExpectMsg<FleetCommands.RunAccepted>();

        AwaitAssert(() => Assert.Equal(3, runner.Requests.Select(r => r.Host).Distinct().Count()));
        runner.Release(BootstrapStep.Probe);
        AwaitRunEnd(supervisor, "run-1");
        Assert.Equal(RunStatus.Completed, AwaitRunEnd(supervisor, "run-2").Status);
    }

    [Fact]
    public void Exceeding_the_failure_budget_stops_admitting_hosts()
    {
        var runner = new ScriptedStepRunner()
            .Answer(BootstrapStep.Probe, 1, new StepResult.Failed("host key changed", Transient: false));
        var (_, supervisor) = StartCoordinator(runner);

        var options = new RunOptions(0, new FailureThreshold(Count: 1, Percent: null), Sequential: true);
        supervisor.Tell(new FleetCommands.StartRun("run-1", Hosts(5), options));
        ExpectMsg<FleetCommands.RunAccepted>();

        var run = AwaitRunEnd(supervisor, "run-1");
        Assert.Equal((RunStatus.Stopped, 0, 2), (run.Status, run.Succeeded, run.Failed));
        Assert.Equal(2, runner.Requests.Select(r => r.Host).Distinct().Count());
        var failed = FleetStatus(supervisor).Where(m => m.Status == MachineStatus.Failed).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, m => Assert.Contains("host key changed", m.LastError));
    }

    [Fact]
    public void After_a_restart_an_unfinished_run_resumes_by_itself_and_each_host_finishes_once()
    {
        var stalled = new ScriptedStepRunner().Hold(BootstrapStep.Verify);
        var (machines, supervisor) = StartCoordinator(stalled);
        supervisor.Tell(new FleetCommands.StartRun("run-1", Hosts(3), RunOptions.Default));
        ExpectMsg<FleetCommands.RunAccepted>();
        AwaitAssert(() => Assert.Equal(3, stalled.Requests.Count(r => r.Step == BootstrapStep.Verify)));

        // The process dies: every actor goes, the journal stays.
        foreach (var actor in new[] { supervisor, machines })
        {
            Watch(actor);
            Sys.Stop(actor);
            ExpectTerminated(actor);
        }

        var resumedRunner = new ScriptedStepRunner();
        var (_, resumed) = StartCoordinator(resumedRunner);

        var run = AwaitRunEnd(resumed, "run-1");
        Assert.Equal((RunStatus.Completed, 3, 0), (run.Status, run.Succeeded, run.Failed));
        Assert.DoesNotContain(resumedRunner.Requests, r => r.Step < BootstrapStep.Verify);
        Assert.Equal(3, resumedRunner.Requests.Count(r => r.Step == BootstrapStep.HealthCheck));
    }

    [Fact]
    public void Cancelling_a_run_cancels_hosts_in_flight_and_starts_no_more()
    {
        var runner = new ScriptedStepRunner().Hold(BootstrapStep.Install);
        var (_, supervisor) = StartCoordinator(runner);
        supervisor.Tell(new FleetCommands.StartRun("run-1", Hosts(4), RunOptions.Default with { MaxParallel = 2 }));
        ExpectMsg<FleetCommands.RunAccepted>();
        AwaitAssert(() => Assert.Equal(2, runner.Requests.Count(r => r.Step == BootstrapStep.Install)));

        supervisor.Tell(new FleetCommands.CancelRun("run-1"));
        Assert.Equal(RunStatus.Cancelled, ExpectMsg<RunSummary>().Status);

        AwaitAssert(() => Assert.Equal(2, runner.Cancelled.Count));
        Assert.Equal(2, runner.Requests.Select(r => r.Host).Distinct().Count());
    }

    [Fact]
    public void A_retry_is_checked_like_a_new_run_and_only_the_unsuccessful_hosts_go_again()
    {
        var runner = new ScriptedStepRunner().Hold(BootstrapStep.Install);
        var (_, supervisor) = StartCoordinator(runner);
        supervisor.Tell(new FleetCommands.StartRun("run-1", Hosts(2), RunOptions.Default));
        ExpectMsg<FleetCommands.RunAccepted>();
        AwaitAssert(() => Assert.Equal(2, runner.Requests.Count(r => r.Step == BootstrapStep.Install)));
        supervisor.Tell(new FleetCommands.CancelHost("run-1", "web-02"));
        ExpectMsg<RunSummary>();
        runner.Release(BootstrapStep.Install);
        AwaitRunEnd(supervisor, "run-1");

        var refusing = new RecordingPreflight("the API key file /keys/octopus is gone");
        var admin = Sys.ActorOf(AdminEndpoint.Props(Node, supervisor, ActorRefs.Nobody, ActorRefs.Nobody, refusing));
        admin.Tell(new FleetCommands.RetryRun("run-1", "run-2"));
        var refused = ExpectMsg<AdminMessages.RequestFailed>();
        var passing = new RecordingPreflight();
        var admitting = Sys.ActorOf(AdminEndpoint.Props(Node, supervisor, ActorRefs.Nobody, ActorRefs.Nobody, passing));
        admitting.Tell(new FleetCommands.RetryRun("run-1", "run-3"));
        var accepted = ExpectMsg<FleetCommands.RunAccepted>();
        admitting.Tell(new FleetCommands.RetryRun("run-9", "run-4"));
        var unknown = ExpectMsg<AdminMessages.RequestFailed>();

        Assert.Contains("run run-2 was not started: the API key file /keys/octopus is gone", refused.Reason);
        Assert.Equal(["web-02"], refusing.Checked.Single().Select(h => h.Host));
        Assert.Equal(("run-3", 1), (accepted.RunId, accepted.Hosts));
        Assert.Equal(["web-02"], passing.Checked.Single().Select(h => h.Host));
        Assert.Contains("there is no run run-9", unknown.Reason);
        var run = AwaitRunEnd(supervisor, "run-3");
        Assert.Equal((RunStatus.Completed, 1), (run.Status, run.Succeeded));
        supervisor.Tell(FleetCommands.GetRuns.Instance);
        Assert.DoesNotContain(ExpectMsg<FleetCommands.RunList>().Runs, r => r.RunId == "run-2");
    }

    private static readonly NodeInfo Node = new("1.0.0", DateTimeOffset.UtcNow, "sqlite", "coordinator.db");

    /// <summary>Records which hosts it was asked to check, and refuses them with the problems it was given.</summary>
    private sealed class RecordingPreflight(params string[] problems) : IRunPreflight
    {
        public System.Collections.Concurrent.ConcurrentQueue<IReadOnlyList<RunHost>> Checked { get; } = new();

        public Task<FleetCommands.RunPlan> CheckAsync(IReadOnlyList<RunHost> hosts, CancellationToken cancellationToken)
        {
            Checked.Enqueue(hosts);
            return Task.FromResult(new FleetCommands.RunPlan(["checked"], problems, []));
        }
    }

    [Fact]
    public void A_sequential_run_streams_every_line_its_hosts_print_in_order_and_a_parallel_run_streams_none()
    {
        var runner = new ScriptedStepRunner();
        var (_, supervisor) = StartCoordinator(runner);
        supervisor.Tell(new FleetCommands.StartRun("run-1", Hosts(2), RunOptions.Default with { Sequential = true }));
        ExpectMsg<FleetCommands.RunAccepted>();
        AwaitRunEnd(supervisor, "run-1");

        supervisor.Tell(new FleetCommands.GetRunProgress("run-1", OutputAfter: 0));
        var output = ExpectMsg<FleetCommands.RunProgress>().Output!;
        supervisor.Tell(new FleetCommands.GetRunProgress("run-1", OutputAfter: output[^3].Sequence));
        var tail = ExpectMsg<FleetCommands.RunProgress>().Output!;

        var expected = new[] { "web-01", "web-02" }
            .SelectMany(host => ScriptedStepRunner.RunnerSteps.SelectMany(step => new[] { $"{host} {step} starting", $"{host} {step} warning" }));
        Assert.Equal(expected, output.Select(line => line.Line));
        Assert.All(output, line => Assert.Equal(line.Line.EndsWith("warning", StringComparison.Ordinal), line.IsError));
        Assert.All(output, line => Assert.StartsWith($"{line.Host} {line.Step} ", line.Line));
        Assert.Equal(output.TakeLast(2), tail);

        supervisor.Tell(new FleetCommands.StartRun("run-2", Hosts(2), RunOptions.Default));
        ExpectMsg<FleetCommands.RunAccepted>();
        AwaitRunEnd(supervisor, "run-2");
        supervisor.Tell(new FleetCommands.GetRunProgress("run-2", OutputAfter: 0));
        Assert.Empty(ExpectMsg<FleetCommands.RunProgress>().Output!);
        Assert.All(runner.Requests.Where(r => r.RunId == "run-2"), r => Assert.Null(r.Output));
    }

    [Fact]
    public void Cancelling_one_host_stops_it_or_keeps_it_from_starting_while_the_rest_of_the_run_goes_on()
    {
        var runner = new ScriptedStepRunner().Hold(BootstrapStep.Install);
        var (_, supervisor) = StartCoordinator(runner);
        supervisor.Tell(new FleetCommands.StartRun("run-1", Hosts(3), RunOptions.Default with { MaxParallel = 1 }));
        ExpectMsg<FleetCommands.RunAccepted>();
        AwaitAssert(() => Assert.Contains(runner.Requests, r => r.Host == "web-01" && r.Step == BootstrapStep.Install));
        AwaitAssert(() =>
        {
            supervisor.Tell(new FleetCommands.GetRunProgress("run-1"));
            var web01 = ExpectMsg<FleetCommands.RunProgress>().Hosts.Single(h => h.Host == "web-01");
            Assert.Equal((HostRunState.Running, BootstrapStep.Install), (web01.State, web01.Step));
            Assert.Matches(@"^Probe took \d+\.\d s: Probe done$", web01.LastFinished);
        });

        supervisor.Tell(new FleetCommands.CancelHost("run-1", "web-03"));
        Assert.Equal(RunStatus.Running, ExpectMsg<RunSummary>().Status);
        supervisor.Tell(new FleetCommands.CancelHost("run-1", "web-01"));
        ExpectMsg<RunSummary>();
        supervisor.Tell(new FleetCommands.CancelHost("run-1", "web-09"));
        Assert.Contains("has no host web-09", ExpectMsg<AdminMessages.RequestFailed>().Reason);
        AwaitAssert(() => Assert.Contains(runner.Requests, r => r.Host == "web-02" && r.Step == BootstrapStep.Install));
        runner.Release(BootstrapStep.Install);

        var run = AwaitRunEnd(supervisor, "run-1");
        supervisor.Tell(new FleetCommands.GetRunProgress("run-1"));
        var states = ExpectMsg<FleetCommands.RunProgress>().Hosts.ToDictionary(h => h.Host, h => h.State);
        Assert.Equal((RunStatus.Completed, 1), (run.Status, run.Succeeded));
        Assert.Equal(
            new Dictionary<string, HostRunState> { ["web-01"] = HostRunState.Cancelled, ["web-02"] = HostRunState.Succeeded, ["web-03"] = HostRunState.Cancelled },
            states);
        Assert.DoesNotContain(runner.Requests, r => r.Host == "web-03");
    }

    [Fact]
    public void A_machine_actor_that_stops_mid_run_is_started_again_and_its_run_still_ends()
    {
        var runner = new ScriptedStepRunner().Hold(BootstrapStep.Install);
        var (machines, supervisor) = StartCoordinator(runner);
        supervisor.Tell(new FleetCommands.StartRun("run-1", Hosts(1), RunOptions.Default));
        ExpectMsg<FleetCommands.RunAccepted>();
        AwaitAssert(() => Assert.Contains(runner.Requests, r => r.Step == BootstrapStep.Install));

        // What a journal that times out a recovery or refuses a write does: the persistent actor stops.
        Sys.ActorSelection(machines.Path / "web-01").Tell(PoisonPill.Instance);
        AwaitAssert(() => Assert.Equal(2, runner.Requests.Count(r => r.Step == BootstrapStep.Install)));
        runner.Release(BootstrapStep.Install);

        var run = AwaitRunEnd(supervisor, "run-1");
        Assert.Equal((RunStatus.Completed, 1, 0), (run.Status, run.Succeeded, run.Failed));
        Assert.Equal(1, runner.Requests.Count(r => r.Step == BootstrapStep.Probe));
    }

    [Fact]
    public void A_run_with_a_taken_id_or_no_hosts_is_refused()
    {
        var (_, supervisor) = StartCoordinator(new ScriptedStepRunner());
        supervisor.Tell(new FleetCommands.StartRun("run-1", Hosts(1), RunOptions.Default));
        ExpectMsg<FleetCommands.RunAccepted>();

        supervisor.Tell(new FleetCommands.StartRun("run-1", Hosts(1), RunOptions.Default));
        Assert.Contains("already exists", ExpectMsg<AdminMessages.RequestFailed>().Reason);
        supervisor.Tell(new FleetCommands.StartRun("run-2", [], RunOptions.Default));
        Assert.Contains("no hosts", ExpectMsg<AdminMessages.RequestFailed>().Reason);
    }
}
