using Akka.Actor;
using Akka.TestKit.Xunit2;
using Coordinator.Actors.Iis;
using Coordinator.Actors.Machines;
using Coordinator.Iis;
using Coordinator.Protocol.Iis;
using Coordinator.Protocol.Machines;
using static Coordinator.Protocol.Machines.MachineReports;

namespace Coordinator.Tests.Actors;

/// <summary>The IIS gate as part of a machine: the baseline as the last bootstrap step, routing, and waking after a restart.</summary>
public sealed class MachineIisTests() : TestKit(ActorTestConfig.Create())
{
    private static readonly IisGatePolicy FastRetries =
        new(TimeSpan.FromSeconds(20), MaxAttempts: 2, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5));

    private static readonly MachineActorSettings Settings = new(
        TimeSpan.FromMinutes(5),
        50,
        new BootstrapPolicy(TimeSpan.FromSeconds(20), MaxAttempts: 2, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50)),
        FastRetries);

    private static readonly IReadOnlyList<IisOperation> Baseline =
    [
        new EnsureAppPool("Shop", EnsureAppPool.ClrV4, ManagedPipelineMode.Integrated, AppPoolIdentity.ApplicationPoolIdentity),
        new EnsureSite("Shop", @"C:\inetpub\shop", [new IisBinding("http", "*", 80, "shop.example.com")], "Shop"),
    ];

    private static MachineSpec SpecWithBaseline(IReadOnlyList<IisOperation> baseline) =>
        IisGateTests.WindowsSpec with { Iis = new IisSpec(IisMutex.DefaultName, TimeSpan.FromSeconds(30), baseline) };

    private IActorRef StartMachines(ScriptedStepRunner runner, ScriptedIisRunner iis) =>
        Sys.ActorOf(MachineEntityParent.Props(
            new MachineMessageExtractor(), host => MachineActor.Props(host, Settings, runner, new CountingCertificateIssuer(), iis)));

    private BootstrapEnded Bootstrap(IActorRef machines, string host, string runId, MachineSpec spec, List<IMachineReport>? reports = null)
    {
        machines.Tell(new MachineCommands.StartBootstrap(host, runId, spec));
        ExpectMsg<MachineState>();
        while (true)
        {
            var report = ExpectMsg<IMachineReport>(TimeSpan.FromSeconds(20));
            reports?.Add(report);
            if (report is BootstrapEnded ended)
            {
                return ended;
            }
        }
    }

    [Fact]
    public void The_baseline_is_applied_through_the_gate_as_the_last_step_of_a_bootstrap()
    {
        var iis = new ScriptedIisRunner().Answer("Shop", 1, new IisAttemptResult.Done(IisResult.Unchanged));
        var machines = StartMachines(new ScriptedStepRunner(), iis);
        var reports = new List<IMachineReport>();

        var ended = Bootstrap(machines, "web-01", "run-1", SpecWithBaseline(Baseline), reports);

        Assert.Equal(BootstrapOutcome.Succeeded, ended.Outcome);
        var last = reports.OfType<StepFinished>().Last();
        Assert.Equal(BootstrapStep.IisBaseline, last.Step);
        Assert.Contains("2 IIS operations", last.Detail);
        Assert.Equal(["Shop", "Shop"], iis.Started);
        machines.Tell(new IisCommands.GetQueue("web-01"));
        var queue = ExpectMsg<IisQueue>();
        Assert.All(queue.Finished, view => Assert.Equal("bootstrap run run-1", view.Origin));
    }

    [Fact]
    public void A_baseline_operation_that_fails_fails_the_host_with_the_hosts_message()
    {
        var iis = new ScriptedIisRunner()
            .Answer("Shop", 2, new IisAttemptResult.Failed("appcmd add site failed: ERROR ( message:Cannot find SITE object with identifier \"Shop\". )", Transient: false));
        var machines = StartMachines(new ScriptedStepRunner(), iis);

        var ended = Bootstrap(machines, "web-01", "run-1", SpecWithBaseline(Baseline));

        Assert.Equal((BootstrapOutcome.Failed, BootstrapStep.IisBaseline), (ended.Outcome, ended.FailedStep));
        Assert.Contains("Ensure site 'Shop' failed", ended.Reason);
        Assert.Contains("Cannot find SITE object", ended.Reason);
    }

    [Fact]
    public void A_host_without_a_baseline_finishes_its_bootstrap_without_touching_iis()
    {
        var iis = new ScriptedIisRunner();
        var machines = StartMachines(new ScriptedStepRunner(), iis);
        var reports = new List<IMachineReport>();

        var ended = Bootstrap(machines, "web-01", "run-1", SpecWithBaseline([]), reports);

        Assert.Equal(BootstrapOutcome.Succeeded, ended.Outcome);
        Assert.Equal("no IIS baseline in the inventory", reports.OfType<StepFinished>().Last().Detail);
        Assert.Empty(iis.Started);
    }

    [Fact]
    public void After_a_restart_the_directory_wakes_the_gates_that_still_hold_writes()
    {
        var steps = new ScriptedStepRunner();
        var before = new ScriptedIisRunner().Hold("Blocked");
        var machines = StartMachines(steps, before);
        var directory = Sys.ActorOf(IisGateDirectory.Props(machines));
        Bootstrap(machines, "web-01", "run-1", SpecWithBaseline([]));
        Bootstrap(machines, "web-02", "run-2", SpecWithBaseline([]));

        directory.Tell(new IisCommands.Enqueue("web-01", [Pool("Blocked"), Pool("Queued")], "coord iis apply", "k1"));
        ExpectMsg<IisCommands.IisOperations>();
        directory.Tell(new IisCommands.Enqueue("web-02", [Pool("Quick")], "coord iis apply", "k2"));
        ExpectMsg<IisCommands.IisOperations>();
        AwaitAssert(() =>
        {
            directory.Tell(IisCommands.GetQueues.Instance);
            Assert.Equal(["web-01"], ExpectMsg<IisQueues>().Hosts.Select(q => q.Host));
        });

        foreach (var actor in new[] { directory, machines })
        {
            Watch(actor);
            Sys.Stop(actor);
            ExpectTerminated(actor);
        }

        var after = new ScriptedIisRunner();
        var restartedMachines = StartMachines(steps, after);
        Sys.ActorOf(IisGateDirectory.Props(restartedMachines));

        AwaitCondition(() => after.Started.Count == 2, TimeSpan.FromSeconds(20));
        Assert.Equal(["Blocked", "Queued"], after.Started);
        Assert.Equal(1, before.AttemptsOf("Blocked"));
        Assert.DoesNotContain("Queued", before.Started);
        Assert.DoesNotContain("Quick", after.Started);
    }

    private static EnsureAppPool Pool(string name) => new(name, EnsureAppPool.ClrV4, ManagedPipelineMode.Integrated, AppPoolIdentity.ApplicationPoolIdentity);
}
