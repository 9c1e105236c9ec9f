using Coordinator.Iis;
using Coordinator.IisGateTests.Support;
using Coordinator.Protocol.Iis;
using Xunit.Abstractions;

namespace Coordinator.IisGateTests;

/// <summary>
/// A writer outside the coordinator holding the host's IIS mutex: the gate's write waits its turn, and a holder
/// that never lets go fails the write after the mutex timeout without holding up the writes queued behind it.
/// </summary>
[Collection(GateLabCollection.Name)]
public sealed class OutsideMutexHolderTests(GateLab lab, ITestOutputHelper output) : GateTestKit(lab, output)
{
    [Fact]
    public async Task A_write_waits_for_an_outside_holder_of_the_mutex_and_lands_once_it_releases()
    {
        var host = Lab.Hosts[1];
        var mutex = GateLab.NewMutex(TimeSpan.FromSeconds(60));
        var pool = Writes.Pool(Writes.NewPrefix("Waits"));
        var runner = new RecordingRunner(RealRunner());
        await using var holder = await MutexHolder.TakeAsync(host, mutex, Lines);
        var gate = StartGate(host, GateLab.SpecFor(host, mutex), runner);

        var applying = ApplyAsync(gate, host, [pool], "deploy");
        await Lines.WaitForAsync(host.Name, $"iis-mutex=waiting name={mutex.Name}", Patience);
        var whileHeld = await QueueOf(gate, host);
        var poolsWhileHeld = GateLab.ConfigOf(host).EntriesOf([pool.Name]);
        var heldThroughout = holder.IsHolding && !applying.IsCompleted;
        var releasedAt = RecordingRunner.Now;
        var released = await holder.ReleaseAsync();
        var finished = await applying;

        Assert.Equal(IisOperationState.Running, whileHeld.InFlight?.State);
        Assert.Empty(poolsWhileHeld);
        Assert.True(heldThroughout, "the holder let go, or the write finished, before the test released the mutex");
        Assert.True(released.ExitCode == 0 && released.StandardOutput.Contains(MutexHolder.Released, StringComparison.Ordinal), $"holder: {released}: {released.Tail()}");
        var view = Assert.Single(finished.Operations);
        // One attempt: it waited in the script for the mutex, rather than timing out and being retried.
        Assert.Equal((IisOperationState.Changed, 1), (view.State, view.Attempts));
        Assert.True(Assert.Single(runner.Attempts).End > releasedAt, "the write ended before the holder released the mutex");
        Assert.Equal([pool.Name], GateLab.ConfigOf(host).EntriesOf([pool.Name]));
    }

    [Fact]
    public async Task A_holder_that_never_releases_fails_the_write_naming_the_mutex_and_the_next_write_runs_once_it_is_gone()
    {
        var host = Lab.Hosts[1];
        var mutex = GateLab.NewMutex(TimeSpan.FromSeconds(2));
        var (blocked, next) = (Writes.Pool(Writes.NewPrefix("Blocked")), Writes.Pool(Writes.NewPrefix("Next")));
        await using var holder = await MutexHolder.TakeAsync(host, mutex, Lines);
        var gate = StartGate(host, GateLab.SpecFor(host, mutex), RealRunner(), GateLab.QuickRetries with { MaxAttempts = 2 });

        // Sent one after the other so the order is known; neither waits for the other to finish.
        var first = ApplyAsync(gate, host, [blocked], "blocked deploy");
        await AwaitAssertAsync(async () => Assert.Single((await QueueOf(gate, host)).Pending), Patience);
        var second = ApplyAsync(gate, host, [next], "next deploy");
        var failed = Assert.Single((await first).Operations);
        var stillHeld = holder.IsHolding;
        await holder.ReleaseAsync();
        var succeeded = Assert.Single((await second).Operations);

        Output.WriteLine(Describe(failed));
        Output.WriteLine(Describe(succeeded));
        Assert.True(stillHeld, "the holder had let go before the first write failed");
        Assert.Equal((IisOperationState.Failed, 2), (failed.State, failed.Attempts));
        Assert.Contains($"Timed out after 2 s waiting for the IIS mutex '{mutex.Name}'", failed.Detail, StringComparison.Ordinal);
        Assert.Contains("gave up after 2 attempts", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(IisOperationState.Changed, succeeded.State);
        Assert.True(succeeded.Number > failed.Number, "the writes ran out of order");
        Assert.Equal([next.Name], GateLab.ConfigOf(host).EntriesOf([blocked.Name, next.Name]));
    }
}
