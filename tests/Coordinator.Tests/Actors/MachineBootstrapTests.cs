using Akka.Actor;
using Akka.TestKit.Xunit2;
using Coordinator.Actors.Machines;
using Coordinator.Protocol.Machines;
using static Coordinator.Protocol.Machines.MachineReports;

namespace Coordinator.Tests.Actors;

public sealed class MachineBootstrapTests() : TestKit(ActorTestConfig.Create())
{
    private const string Host = "web-01";

    private static readonly MachineSpec Spec = new(
        "Production",
        "10.0.0.5",
        HostPlatform.Linux,
        ["web-server"],
        [],
        "Default Machine Policy",
        new SshSpec("root", 22, "/keys/id_ed25519", "accept-new", "/keys/known_hosts", TimeSpan.FromMinutes(5)),
        new TentacleSpec("Tentacle", 10933, "any", "/installers/tentacle.tar.gz", "/opt/octopus/tentacle",
            "/etc/octopus/Tentacle/tentacle-Tentacle.config", "/etc/octopus/Tentacle", "/home/Octopus/Applications"),
        new OctopusTarget("https://octopus.example.com/", null, "env:OCTOPUS_API_KEY", ReplaceExisting: false));

    private static MachineActorSettings Settings(TimeSpan? stepTimeout = null) => new(
        TimeSpan.FromMinutes(5),
        SnapshotEvery: 4,
        new BootstrapPolicy(stepTimeout ?? TimeSpan.FromSeconds(20), MaxAttempts: 3, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50)));

    private IActorRef StartMachine(ScriptedStepRunner runner, TimeSpan? stepTimeout = null, CountingCertificateIssuer? issuer = null) =>
        Sys.ActorOf(MachineActor.Props(Host, Settings(stepTimeout), runner, issuer ?? new CountingCertificateIssuer()));

    private static List<BootstrapStep> StartedSteps(List<IMachineReport> reports) =>
        reports.OfType<StepStarted>().Select(s => s.Step).ToList();

    /// <summary>Collects reports until the run ends.</summary>
    private (List<IMachineReport> Reports, BootstrapEnded Ended) ReportsUntilEnd()
    {
        var reports = new List<IMachineReport>();
        while (true)
        {
            var report = ExpectMsg<IMachineReport>(TimeSpan.FromSeconds(20));
            reports.Add(report);
            if (report is BootstrapEnded ended)
            {
                return (reports, ended);
            }
        }
    }

    [Fact]
    public void Runs_every_step_in_order_and_ends_ready()
    {
        var runner = new ScriptedStepRunner();
        var machine = StartMachine(runner);

        machine.Tell(new MachineCommands.StartBootstrap(Host, "run-1", Spec));
        Assert.Equal(MachineStatus.InProgress, ExpectMsg<MachineState>().Status);
        var (reports, ended) = ReportsUntilEnd();

        Assert.Equal(BootstrapOutcome.Succeeded, ended.Outcome);
        Assert.Equal(BootstrapSteps.InOrder, StartedSteps(reports));
        Assert.Equal(ScriptedStepRunner.RunnerSteps, runner.Requests.Select(r => r.Step));
        Assert.All(runner.Requests, r => Assert.Equivalent(Spec, r.Spec, strict: true));

        machine.Tell(new MachineCommands.GetState(Host));
        var state = ExpectMsg<MachineState>();
        Assert.Equal((MachineStatus.Ready, "run-1", null), (state.Status, state.LastRunId, state.ActiveRun));
    }

    [Fact]
    public void A_transient_failure_is_retried_with_backoff_and_the_run_carries_on()
    {
        var runner = new ScriptedStepRunner()
            .Answer(BootstrapStep.Register, 1, new StepResult.Failed("503 Service Unavailable", Transient: true));
        var machine = StartMachine(runner);

        machine.Tell(new MachineCommands.StartBootstrap(Host, "run-1", Spec));
        ExpectMsg<MachineState>();
        var (reports, ended) = ReportsUntilEnd();

        Assert.Equal(BootstrapOutcome.Succeeded, ended.Outcome);
        var retry = Assert.Single(reports.OfType<StepRetrying>());
        Assert.Equal((BootstrapStep.Register, 1, "503 Service Unavailable"), (retry.Step, retry.Attempt, retry.Reason));
        Assert.Equal([1, 2], runner.Requests.Where(r => r.Step == BootstrapStep.Register).Select(r => r.Attempt));
    }

    [Fact]
    public void A_permanent_failure_fails_the_host_with_its_reason_and_runs_no_later_step()
    {
        var runner = new ScriptedStepRunner()
            .Answer(BootstrapStep.Configure, 1, new StepResult.Failed("Tentacle exited 1: Unrecognized command line arguments: --bogus", Transient: false));
        var machine = StartMachine(runner);

        machine.Tell(new MachineCommands.StartBootstrap(Host, "run-1", Spec));
        ExpectMsg<MachineState>();
        var (_, ended) = ReportsUntilEnd();

        Assert.Equal((BootstrapOutcome.Failed, BootstrapStep.Configure), (ended.Outcome, ended.FailedStep));
        Assert.Contains("Unrecognized command line arguments", ended.Reason);
        Assert.DoesNotContain(runner.Requests, r => r.Step > BootstrapStep.Configure);

        machine.Tell(new MachineCommands.GetState(Host));
        var state = ExpectMsg<MachineState>();
        Assert.Equal(MachineStatus.Failed, state.Status);
        Assert.StartsWith("Configure: Tentacle exited 1", state.LastError);
    }

    [Fact]
    public void Transient_failures_give_up_after_the_attempt_limit()
    {
        var runner = new ScriptedStepRunner();
        foreach (var attempt in new[] { 1, 2, 3 })
        {
            runner.Answer(BootstrapStep.Probe, attempt, new StepResult.Failed("connection reset", Transient: true));
        }

        var machine = StartMachine(runner);
        machine.Tell(new MachineCommands.StartBootstrap(Host, "run-1", Spec));
        ExpectMsg<MachineState>();
        var (_, ended) = ReportsUntilEnd();

        Assert.Equal(BootstrapOutcome.Failed, ended.Outcome);
        Assert.Contains("gave up after 3 attempts", ended.Reason);
        Assert.Equal(3, runner.Requests.Count);
    }

    [Fact]
    public void A_step_that_exceeds_its_timeout_is_cancelled_and_retried()
    {
        var runner = new ScriptedStepRunner().Hold(BootstrapStep.Install);
        var machine = StartMachine(runner, stepTimeout: TimeSpan.FromMilliseconds(300));

        machine.Tell(new MachineCommands.StartBootstrap(Host, "run-1", Spec));
        ExpectMsg<MachineState>();
        var (reports, ended) = ReportsUntilEnd();

        Assert.Equal(BootstrapOutcome.Failed, ended.Outcome);
        Assert.All(reports.OfType<StepRetrying>(), r => Assert.Contains("timed out", r.Reason));
        Assert.Equal(3, runner.Cancelled.Count(step => step == BootstrapStep.Install));
    }

    [Fact]
    public void A_run_interrupted_by_a_restart_resumes_at_the_first_unfinished_step()
    {
        var runner = new ScriptedStepRunner().Hold(BootstrapStep.StartService);
        var machine = StartMachine(runner);
        var firstSupervisor = CreateTestProbe();
        machine.Tell(new MachineCommands.StartBootstrap(Host, "run-1", Spec), firstSupervisor);
        AwaitAssert(() => Assert.Contains(runner.Requests, r => r.Step == BootstrapStep.StartService));

        Watch(machine);
        machine.Tell(PoisonPill.Instance);
        ExpectTerminated(machine);
        Assert.Contains(BootstrapStep.StartService, runner.Cancelled);

        var resumedRunner = new ScriptedStepRunner();
        var resumed = StartMachine(resumedRunner);
        resumed.Tell(new MachineCommands.StartBootstrap(Host, "run-1", Spec));
        var state = FishForMessage<MachineState>(_ => true);
        Assert.Equal(BootstrapStep.StartService, state.ActiveRun!.NextStep);
        var ended = FishForMessage<BootstrapEnded>(_ => true, TimeSpan.FromSeconds(20));

        Assert.Equal(BootstrapOutcome.Succeeded, ended.Outcome);
        Assert.Equal(
            [BootstrapStep.StartService, BootstrapStep.Verify, BootstrapStep.Register, BootstrapStep.HealthCheck],
            resumedRunner.Requests.Select(r => r.Step));
    }

    [Fact]
    public void Asking_for_a_run_that_already_ended_repeats_its_outcome_without_touching_the_host()
    {
        var runner = new ScriptedStepRunner();
        var machine = StartMachine(runner);
        machine.Tell(new MachineCommands.StartBootstrap(Host, "run-1", Spec));
        ExpectMsg<MachineState>();
        ReportsUntilEnd();
        var stepsRun = runner.Requests.Count;

        machine.Tell(new MachineCommands.StartBootstrap(Host, "run-1", Spec));
        ExpectMsg<MachineState>();
        Assert.Equal(BootstrapOutcome.Succeeded, ExpectMsg<BootstrapEnded>().Outcome);
        Assert.Equal(stepsRun, runner.Requests.Count);
    }

    [Fact]
    public void Cancelling_stops_the_step_in_flight_and_ends_the_run_as_cancelled()
    {
        var runner = new ScriptedStepRunner().Hold(BootstrapStep.Install);
        var machine = StartMachine(runner);
        machine.Tell(new MachineCommands.StartBootstrap(Host, "run-1", Spec));
        ExpectMsg<MachineState>();
        AwaitAssert(() => Assert.Contains(runner.Requests, r => r.Step == BootstrapStep.Install));

        var canceller = CreateTestProbe();
        machine.Tell(new MachineCommands.CancelBootstrap(Host, "run-1"), canceller);

        Assert.Equal(MachineStatus.Failed, canceller.ExpectMsg<MachineState>().Status);
        var ended = FishForMessage<BootstrapEnded>(_ => true);
        Assert.Equal(BootstrapOutcome.Cancelled, ended.Outcome);
        AwaitAssert(() => Assert.Contains(BootstrapStep.Install, runner.Cancelled));
        Assert.DoesNotContain(runner.Requests, r => r.Step > BootstrapStep.Install);
    }

    [Fact]
    public void A_second_run_on_a_busy_host_is_refused_and_the_first_carries_on()
    {
        var runner = new ScriptedStepRunner().Hold(BootstrapStep.Probe);
        var machine = StartMachine(runner);
        machine.Tell(new MachineCommands.StartBootstrap(Host, "run-1", Spec));
        ExpectMsg<MachineState>();

        var other = CreateTestProbe();
        machine.Tell(new MachineCommands.StartBootstrap(Host, "run-2", Spec), other);
        other.ExpectMsg<MachineState>();
        var refused = other.ExpectMsg<BootstrapEnded>();
        Assert.Equal(BootstrapOutcome.Failed, refused.Outcome);
        Assert.Contains("busy with run run-1", refused.Reason);

        runner.Release(BootstrapStep.Probe);
        Assert.Equal(BootstrapOutcome.Succeeded, FishForMessage<BootstrapEnded>(_ => true, TimeSpan.FromSeconds(20)).Outcome);
    }

    [Fact]
    public void The_retained_certificate_is_issued_once_persisted_and_handed_to_every_step_of_every_run()
    {
        var issuer = new CountingCertificateIssuer();
        var runner = new ScriptedStepRunner();
        var machine = StartMachine(runner, issuer: issuer);
        machine.Tell(new MachineCommands.StartBootstrap(Host, "run-1", Spec));
        ExpectMsg<MachineState>();
        ReportsUntilEnd();

        Watch(machine);
        machine.Tell(PoisonPill.Instance);
        ExpectTerminated(machine);

        var restarted = StartMachine(runner, issuer: issuer);
        restarted.Tell(new MachineCommands.StartBootstrap(Host, "run-2", Spec));
        var state = ExpectMsg<MachineState>();
        Assert.Equal(BootstrapOutcome.Succeeded, ReportsUntilEnd().Ended.Outcome);

        Assert.Equal(1, issuer.Issued);
        var identity = state.Identity!;
        Assert.Equal(2 * ScriptedStepRunner.RunnerSteps.Count, runner.Requests.Count);
        Assert.All(runner.Requests, r => Assert.Equal(identity, r.Identity));
        Assert.DoesNotContain(identity.SealedPfx, identity.ToString());
    }

    [Fact]
    public void A_certificate_that_cannot_be_issued_fails_the_run_before_the_host_is_touched()
    {
        var issuer = new CountingCertificateIssuer { FailWith = "the key file /data/keys/certificates.key is readable by others" };
        var runner = new ScriptedStepRunner();
        var machine = StartMachine(runner, issuer: issuer);

        machine.Tell(new MachineCommands.StartBootstrap(Host, "run-1", Spec));
        ExpectMsg<MachineState>();
        var (_, ended) = ReportsUntilEnd();

        Assert.Equal(BootstrapOutcome.Failed, ended.Outcome);
        Assert.Contains("could not issue the host's retained certificate", ended.Reason);
        Assert.Contains("readable by others", ended.Reason);
        Assert.Empty(runner.Requests);
    }
}
