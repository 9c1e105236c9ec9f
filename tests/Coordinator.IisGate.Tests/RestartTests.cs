using System.Collections.Concurrent;
using Akka.Actor;
using Coordinator.Actors.Iis;
using Coordinator.Bootstrap.Iis;
using Coordinator.HostAccess;
using Coordinator.Iis;
using Coordinator.IisGateTests.Support;
using Coordinator.Lab;
using Coordinator.Protocol.Iis;
using Coordinator.Protocol.Machines;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Coordinator.IisGateTests;

/// <summary>
/// The coordinator dies with IIS writes queued and one in flight; restarted on the same SQLite journal, its gate runs
/// them all, and none is applied twice.
/// </summary>
[Collection(GateLabCollection.Name)]
public sealed class RestartTests(GateLab lab, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Queued = 10;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("coordinator-iis-gate-").FullName;
    private readonly SshHostSessions _sessions = new(new InMemoryHostKeyStore(), GateLab.AccessOptions);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _sessions.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Writes_queued_when_the_coordinator_dies_all_run_after_a_restart_on_the_same_journal_and_none_twice()
    {
        var host = lab.Hosts[2];
        var spec = GateLab.SpecFor(host, GateLab.NewMutex(TimeSpan.FromMinutes(1)));
        var prefix = Writes.NewPrefix("Restart");
        var writes = Enumerable.Range(1, Queued).Select(i => (IisOperation)Writes.Pool($"{prefix}-{i:00}")).ToList();
        var requests = writes.Select((write, i) => new IisCommands.Enqueue(host.Name, [write], "restart test", $"{prefix}-request-{i:00}")).ToList();
        var beforeCrash = new RecordingRunner(new HostIisOperationRunner(_sessions));
        var hanging = new LandsThenHangs(beforeCrash);

        IReadOnlyList<long> numbers;
        await using (var first = await JournalledSystem.StartAsync(_dataDirectory))
        {
            var gate = StartGate(first.System, host, spec, hanging);
            var accepted = new List<IisCommands.IisOperations>();
            foreach (var request in requests)
            {
                accepted.Add(await gate.Ask<IisCommands.IisOperations>(request, Patience));
            }

            numbers = accepted.Select(a => Assert.Single(a.Operations).Number).ToList();
            var landed = await hanging.FirstLanded.WaitAsync(Patience);
            var inFlight = await gate.Ask<IisQueue>(new IisCommands.GetQueue(host.Name), Patience);
            Assert.Equal(IisResult.Changed, landed);
            Assert.Equal((numbers[0], IisOperationState.Running), (inFlight.InFlight?.Number, inFlight.InFlight?.State));
            Assert.Equal(numbers, inFlight.Pending.Select(p => p.Number));
            await first.CrashAsync();
        }

        Assert.Equal([Writes.NameOf(writes[0])], GateLab.ConfigOf(host).EntriesOf(writes.Select(Writes.NameOf)));
        var afterRestart = new RecordingRunner(new HostIisOperationRunner(_sessions));
        await using var second = await JournalledSystem.StartAsync(_dataDirectory);
        var recovered = StartGate(second.System, host, spec, afterRestart);

        // Asked again with the same keys, as a resumed caller would: the gate answers with the writes it recovered.
        var finished = await Task.WhenAll(requests.Select(request => recovered.Ask<object>(new IisGate.ApplyAndWait(request), Patience)));

        var views = finished.Select(f => Assert.Single(Assert.IsType<IisGate.RequestFinished>(f).Operations)).ToList();
        foreach (var view in views)
        {
            output.WriteLine(Describe(view));
        }

        Assert.Equal(numbers, views.Select(v => v.Number));
        Assert.Equal(IisOperationState.Unchanged, views[0].State);
        Assert.All(views.Skip(1), view => Assert.Equal(IisOperationState.Changed, view.State));
        var changes = beforeCrash.Attempts.Concat(afterRestart.Attempts)
            .Where(a => a.Result is IisAttemptResult.Done { Result: IisResult.Changed })
            .GroupBy(a => a.Operation)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.All(writes, write => Assert.True(changes.GetValueOrDefault(write) == 1, $"{write.Description} changed the host {changes.GetValueOrDefault(write)} times"));
        Assert.Equal(writes.Select(Writes.NameOf).Order(StringComparer.Ordinal), GateLab.ConfigOf(host).EntriesOf(writes.Select(Writes.NameOf)));
    }

    private static IActorRef StartGate(ActorSystem system, LabHost host, MachineSpec spec, IIisOperationRunner runner) =>
        system.ActorOf(GateParent.Props(IisGate.Props(host.Name, spec, runner, GateLab.QuickRetries), new ConcurrentQueue<bool>()), $"machine-{host.Name}");

    private static string Describe(IisOperationView view) =>
        $"#{view.Number} {view.Description}: {view.State} after {view.Attempts} attempts{(view.Detail is null ? "" : ": " + view.Detail)}";

    /// <summary>
    /// The first attempt makes its write on the host and then never reports back, until the gate cancels it as it stops:
    /// the coordinator died between the host's change and the journal's record of it.
    /// </summary>
    private sealed class LandsThenHangs(IIisOperationRunner inner) : IIisOperationRunner
    {
        private readonly TaskCompletionSource<IisResult> _firstLanded = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _attempts;

        public Task<IisResult> FirstLanded => _firstLanded.Task;

        public async Task<IisAttemptResult> RunAsync(string host, MachineSpec spec, IisOperation operation, TimeSpan timeLimit, CancellationToken cancellationToken)
        {
            var result = await inner.RunAsync(host, spec, operation, timeLimit, cancellationToken);
            if (Interlocked.Increment(ref _attempts) > 1)
            {
                return result;
            }

            if (result is not IisAttemptResult.Done done)
            {
                _firstLanded.TrySetException(new InvalidOperationException($"the first write did not land: {result}"));
                return result;
            }

            _firstLanded.TrySetResult(done.Result);
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return result;
        }

        public ValueTask ReleaseAsync(string host) => inner.ReleaseAsync(host);
    }
}
