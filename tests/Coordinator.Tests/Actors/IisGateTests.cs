using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Coordinator.Actors.Iis;
using Coordinator.Iis;
using Coordinator.Protocol.Iis;
using Coordinator.Protocol.Machines;

namespace Coordinator.Tests.Actors;

public sealed class IisGateTests() : TestKit(ActorTestConfig.Create())
{
    private const string Host = "web-01";

    internal static readonly MachineSpec WindowsSpec = new(
        "Production",
        "10.0.0.7",
        HostPlatform.Windows,
        ["web-server"],
        [],
        "Default Machine Policy",
        new SshSpec("Administrator", 22, "/keys/id_ed25519", "accept-new", "/keys/known_hosts", TimeSpan.FromMinutes(5)),
        new TentacleSpec("Tentacle", 10933, "any", null, @"C:\Program Files\Octopus Deploy\Tentacle",
            @"C:\Octopus\Tentacle.config", @"C:\Octopus", @"C:\Octopus\Applications"),
        new OctopusTarget("https://octopus.example.com/", null, "env:OCTOPUS_API_KEY", ReplaceExisting: false),
        new IisSpec(IisMutex.DefaultName, TimeSpan.FromSeconds(30), []));

    private static readonly IisGatePolicy FastRetries = new(TimeSpan.FromSeconds(20), MaxAttempts: 3, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5));

    private IActorRef StartGate(ScriptedIisRunner runner, MachineSpec? target = null, IisGatePolicy? policy = null) =>
        Sys.ActorOf(IisGate.Props(Host, target ?? WindowsSpec, runner, policy ?? FastRetries));

    private static EnsureAppPool Pool(string name) => new(name, EnsureAppPool.ClrV4, ManagedPipelineMode.Integrated, AppPoolIdentity.ApplicationPoolIdentity);

    private static IisCommands.Enqueue Request(string key, params IisOperation[] operations) => new(Host, operations, "test", key);

    private IisQueue QueueOf(IActorRef gate)
    {
        gate.Tell(new IisCommands.GetQueue(Host));
        return ExpectMsg<IisQueue>();
    }

    private IisQueue AwaitDrained(IActorRef gate, int finished)
    {
        IisQueue queue = null!;
        AwaitAssert(() =>
        {
            queue = QueueOf(gate);
            Assert.Empty(queue.Pending);
            Assert.True(queue.Finished.Count >= finished, $"{queue.Finished.Count} of {finished} finished");
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));
        return queue;
    }

    [Fact]
    public void Writes_sent_at_once_run_one_at_a_time_in_arrival_order()
    {
        var runner = new ScriptedIisRunner();
        var gate = StartGate(runner);
        var senders = Enumerable.Range(1, 20).Select(_ => CreateTestProbe()).ToList();

        for (var i = 0; i < senders.Count; i++)
        {
            gate.Tell(Request($"r{i}", Pool($"Pool{i:00}")), senders[i].Ref);
        }

        var numbers = senders.Select(sender => sender.ExpectMsg<IisCommands.IisOperations>().Operations.Single().Number).ToList();
        var queue = AwaitDrained(gate, 20);

        Assert.Equal(Enumerable.Range(1, 20).Select(n => (long)n), numbers);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"Pool{i:00}"), runner.Started);
        Assert.Equal(1, runner.MostAtOnce);
        Assert.All(queue.Finished, view => Assert.Equal(IisOperationState.Changed, view.State));
    }

    [Fact]
    public void Transient_failures_are_retried_and_a_permanent_one_fails_only_its_operation()
    {
        var runner = new ScriptedIisRunner()
            .Answer("Shop", 1, new IisAttemptResult.Failed("ERROR ( hresult:80070020, message: in use )", Transient: true))
            .Answer("Shop", 2, new IisAttemptResult.Failed("mutex timeout", Transient: true))
            .Answer("Blog", 1, new IisAttemptResult.Failed("ERROR ( hresult:800700b7, message: duplicate collection entry )", Transient: false))
            .Answer("Wiki", 1, new IisAttemptResult.Done(IisResult.Unchanged));
        var gate = StartGate(runner);

        gate.Tell(Request("r1", Pool("Shop"), Pool("Blog"), Pool("Wiki")));
        ExpectMsg<IisCommands.IisOperations>();
        var finished = AwaitDrained(gate, 3).Finished.ToDictionary(view => view.Number);

        Assert.Equal((IisOperationState.Changed, 3), (finished[1].State, finished[1].Attempts));
        Assert.Equal((IisOperationState.Failed, 1), (finished[2].State, finished[2].Attempts));
        Assert.Contains("800700b7", finished[2].Detail);
        Assert.Equal((IisOperationState.Unchanged, 1), (finished[3].State, finished[3].Attempts));
    }

    [Fact]
    public void An_operation_that_stays_transient_fails_after_its_attempts_and_the_next_one_runs()
    {
        var busy = new IisAttemptResult.Failed("Timed out waiting for the IIS mutex", Transient: true);
        var runner = new ScriptedIisRunner().Answer("Shop", 1, busy).Answer("Shop", 2, busy).Answer("Shop", 3, busy);
        var gate = StartGate(runner);

        gate.Tell(Request("r1", Pool("Shop"), Pool("Blog")));
        ExpectMsg<IisCommands.IisOperations>();
        var finished = AwaitDrained(gate, 2).Finished.ToDictionary(view => view.Number);

        Assert.Equal((IisOperationState.Failed, 3), (finished[1].State, finished[1].Attempts));
        Assert.Contains("gave up after 3 attempts", finished[1].Detail);
        Assert.Equal(IisOperationState.Changed, finished[2].State);
    }

    [Fact]
    public void An_attempt_past_its_time_limit_is_cut_off_and_counts_as_transient()
    {
        var runner = new ScriptedIisRunner().Hold("Stuck");
        var quickMutex = WindowsSpec with { Iis = new IisSpec(IisMutex.DefaultName, TimeSpan.FromMilliseconds(100), []) };
        var gate = StartGate(runner, quickMutex, FastRetries with { AttemptLimit = TimeSpan.FromMilliseconds(200), MaxAttempts = 2, WorkAfterMutex = TimeSpan.FromMilliseconds(50) });

        gate.Tell(Request("r1", Pool("Stuck"), Pool("Next")));
        ExpectMsg<IisCommands.IisOperations>();
        var finished = AwaitDrained(gate, 2).Finished.ToDictionary(view => view.Number);

        Assert.Equal((IisOperationState.Failed, 2), (finished[1].State, finished[1].Attempts));
        Assert.Contains("timed out", finished[1].Detail);
        Assert.Equal(IisOperationState.Changed, finished[2].State);
    }

    [Fact]
    public void Queue_shows_the_operation_in_flight_and_the_positions_and_waits_of_the_rest()
    {
        var runner = new ScriptedIisRunner().Hold("First");
        var gate = StartGate(runner);

        gate.Tell(Request("r1", Pool("First"), Pool("Second"), Pool("Third")));
        ExpectMsg<IisCommands.IisOperations>();

        AwaitAssert(() =>
        {
            var queue = QueueOf(gate);
            Assert.Equal([IisOperationState.Running, IisOperationState.Queued, IisOperationState.Queued], queue.Pending.Select(v => v.State));
            Assert.Equal([1, 2, 3], queue.Pending.Select(v => v.Position));
            Assert.Equal(1L, queue.InFlight?.Number);
            Assert.All(queue.Pending, view => Assert.True(view.Waited >= TimeSpan.Zero));
            Assert.NotNull(queue.Pending[0].Duration);
            Assert.Null(queue.Pending[1].Duration);
        });

        runner.Release("First");
        AwaitDrained(gate, 3);
    }

    [Fact]
    public void A_queued_operation_can_be_cancelled_but_the_one_in_flight_cannot()
    {
        var runner = new ScriptedIisRunner().Hold("First");
        var gate = StartGate(runner);
        gate.Tell(Request("r1", Pool("First"), Pool("Second"), Pool("Third")));
        ExpectMsg<IisCommands.IisOperations>();
        AwaitCondition(() => runner.Started.Contains("First"));

        gate.Tell(new IisCommands.Cancel(Host, 2));
        var afterCancel = ExpectMsg<IisQueue>();
        gate.Tell(new IisCommands.Cancel(Host, 1));
        var refusedInFlight = ExpectMsg<IisCommands.IisRefused>();
        gate.Tell(new IisCommands.Cancel(Host, 2));
        var refusedTwice = ExpectMsg<IisCommands.IisRefused>();
        runner.Release("First");
        var finished = AwaitDrained(gate, 3).Finished.ToDictionary(view => view.Number);

        Assert.Equal([1L, 3L], afterCancel.Pending.Select(v => v.Number));
        Assert.Contains("is running", refusedInFlight.Reason);
        Assert.Contains("already finished: Cancelled", refusedTwice.Reason);
        Assert.Equal(IisOperationState.Cancelled, finished[2].State);
        Assert.Equal(["First", "Third"], runner.Started);
    }

    [Fact]
    public void Asking_again_with_the_same_request_key_does_not_queue_the_operations_twice()
    {
        var runner = new ScriptedIisRunner().Hold("Shop");
        var gate = StartGate(runner);

        gate.Tell(Request("apply-7", Pool("Shop"), Pool("Blog")));
        var first = ExpectMsg<IisCommands.IisOperations>();
        gate.Tell(Request("apply-7", Pool("Shop"), Pool("Blog")));
        var again = ExpectMsg<IisCommands.IisOperations>();
        runner.Release("Shop");
        AwaitDrained(gate, 2);
        gate.Tell(Request("apply-7", Pool("Shop"), Pool("Blog")));
        var afterwards = ExpectMsg<IisCommands.IisOperations>();

        Assert.Equal([1L, 2L], first.Operations.Select(o => o.Number));
        Assert.Equal([1L, 2L], again.Operations.Select(o => o.Number));
        Assert.Equal([1L, 2L], afterwards.Operations.Select(o => o.Number));
        Assert.All(afterwards.Operations, o => Assert.Equal(IisOperationState.Changed, o.State));
        Assert.Equal(["Shop", "Blog"], runner.Started);
    }

    [Fact]
    public void Refuses_work_it_could_never_do_and_says_why()
    {
        var gate = StartGate(new ScriptedIisRunner());
        var linux = StartGate(new ScriptedIisRunner(), WindowsSpec with { Os = HostPlatform.Linux });
        var unknown = Sys.ActorOf(IisGate.Props("new-01", null, new ScriptedIisRunner(), FastRetries));

        gate.Tell(Request("r1", Pool("bad/name")));
        var invalid = ExpectMsg<IisCommands.IisRefused>();
        gate.Tell(Request("r2"));
        var empty = ExpectMsg<IisCommands.IisRefused>();
        linux.Tell(Request("r3", Pool("Shop")));
        var onLinux = ExpectMsg<IisCommands.IisRefused>();
        unknown.Tell(new IisCommands.Enqueue("new-01", [Pool("Shop")], "test", "r4"));
        var notBootstrapped = ExpectMsg<IisCommands.IisRefused>();

        Assert.Contains("Ensure app pool 'bad/name'", invalid.Reason);
        Assert.Contains("no IIS operations", empty.Reason);
        Assert.Equal((IisRefusalKind.NotWindows, true), (onLinux.Kind, onLinux.Reason.Contains("Linux host", StringComparison.Ordinal)));
        Assert.Equal((IisRefusalKind.NotBootstrapped, true), (notBootstrapped.Kind, notBootstrapped.Reason.Contains("coord bootstrap", StringComparison.Ordinal)));
        Assert.Equal(IisRefusalKind.Other, invalid.Kind);
        Assert.Empty(QueueOf(gate).Pending);
    }

    [Fact]
    public void After_a_restart_the_queue_is_intact_and_the_write_in_flight_runs_again()
    {
        var before = new ScriptedIisRunner().Hold("First");
        var gate = StartGate(before);
        gate.Tell(Request("r1", Pool("First"), Pool("Second"), Pool("Third")));
        ExpectMsg<IisCommands.IisOperations>();
        AwaitCondition(() => before.Started.Contains("First"));

        Watch(gate);
        Sys.Stop(gate);
        ExpectTerminated(gate);
        var after = new ScriptedIisRunner();
        var restarted = StartGate(after);
        var finished = AwaitDrained(restarted, 3).Finished.OrderBy(view => view.Number).ToList();

        Assert.Equal(["First"], before.Started);
        Assert.Equal(["First", "Second", "Third"], after.Started);
        Assert.All(finished, view => Assert.Equal(IisOperationState.Changed, view.State));
        Assert.Equal([1L, 2L, 3L], finished.Select(view => view.Number));
    }

    [Fact]
    public void Apply_and_wait_answers_once_every_operation_of_the_request_has_finished()
    {
        var runner = new ScriptedIisRunner()
            .Hold("Other")
            .Answer("Blog", 1, new IisAttemptResult.Failed("ERROR ( message: the site does not exist )", Transient: false));
        var gate = StartGate(runner);
        gate.Tell(Request("someone-else", Pool("Other")));
        ExpectMsg<IisCommands.IisOperations>();

        gate.Tell(new IisGate.ApplyAndWait(Request("bootstrap:run-1", Pool("Shop"), Pool("Blog"))));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        runner.Release("Other");
        var done = ExpectMsg<IisGate.RequestFinished>();

        Assert.Equal([IisOperationState.Changed, IisOperationState.Failed], done.Operations.Select(o => o.State));
        Assert.Equal(["Other", "Shop", "Blog"], runner.Started);
    }

    [Fact]
    public void Its_parent_hears_when_it_holds_work_and_its_connection_is_released_once_drained()
    {
        var runner = new ScriptedIisRunner().Hold("Shop");
        var parent = CreateTestProbe();
        var gate = parent.ChildActorOf(IisGate.Props(Host, WindowsSpec, runner, FastRetries));

        gate.Tell(Request("r1", Pool("Shop")));
        ExpectMsg<IisCommands.IisOperations>();
        Assert.True(parent.ExpectMsg<IisGate.Busy>().HasWork);
        runner.Release("Shop");

        Assert.False(parent.ExpectMsg<IisGate.Busy>().HasWork);
        AwaitCondition(() => runner.Released.Contains(Host));
    }
}
