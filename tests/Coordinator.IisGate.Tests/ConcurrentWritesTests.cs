using Coordinator.HostAccess;
using Coordinator.Iis;
using Coordinator.IisGateTests.Support;
using Coordinator.Protocol.Iis;
using Xunit.Abstractions;

namespace Coordinator.IisGateTests;

/// <summary>
/// Twenty writers at once on one host: through its gate every write lands; around the gate, straight into appcmd,
/// the same writes collide (iis-contention.md). appcmd commits slowly here, so writes that overlap do collide.
/// </summary>
[Collection(GateLabCollection.Name)]
public sealed class ConcurrentWritesTests(GateLab lab, ITestOutputHelper output) : GateTestKit(lab, output)
{
    private const int Writers = 20;
    private const int CommitDelayMs = 300;

    [Fact]
    public async Task Twenty_writes_sent_at_once_through_the_gate_all_land_and_the_same_writes_around_it_collide()
    {
        var host = Lab.Hosts[0];
        using var slowCommits = GateLab.SlowCommits(host, CommitDelayMs);

        var gated = TwentyWrites(Writes.NewPrefix("Gated"), firstPort: 8100);
        var runner = new RecordingRunner(RealRunner());
        var gate = StartGate(host, GateLab.SpecFor(host, GateLab.NewMutex(TimeSpan.FromMinutes(1))), runner);

        // Twenty senders (each Ask is its own temporary actor), none waiting for another.
        var finished = await Task.WhenAll(gated.Select((write, i) => Task.Run(() => ApplyAsync(gate, host, [write], $"writer-{i:00}"))));

        var views = finished.Select(f => Assert.Single(f.Operations)).ToList();
        Assert.All(views, view => Assert.True(view.State == IisOperationState.Changed, Describe(view)));
        Assert.Equal(gated.Select(Writes.NameOf).Order(StringComparer.Ordinal), GateLab.ConfigOf(host).EntriesOf(gated.Select(Writes.NameOf)));
        var attempts = runner.Attempts.OrderBy(a => a.Start).ToList();
        Assert.Equal(Writers, attempts.Count);
        Assert.Empty(RecordingRunner.Overlaps(attempts));
        await AwaitAssertAsync(() => Assert.Equal([true, false], BusyReports), TimeSpan.FromSeconds(10));
        Output.WriteLine($"through the gate: {Writers} of {Writers} landed in {attempts[^1].End - attempts[0].Start:g}");

        // Proves the part above can fail: the same kind of writes, at once, without the gate or the mutex.
        var around = TwentyWrites(Writes.NewPrefix("Around"), firstPort: 8200);
        await using var bashSessions = new SshHostSessions(new InMemoryHostKeyStore(), GateLab.AccessOptions);
        var session = bashSessions.For(GateLab.BashEndpointOf(host));
        await session.ConnectAsync(CancellationToken.None);
        var results = await Task.WhenAll(around.Select(write => session.RunAsync(
            HostCommand.Bash(write.Description, "appcmd " + AppcmdArguments(write), Patience), CancellationToken.None)));

        var failed = results.Count(r => r.ExitCode != 0);
        var landed = GateLab.ConfigOf(host).EntriesOf(around.Select(Writes.NameOf)).Count;
        Output.WriteLine($"around the gate: {failed} of {Writers} failed, {landed} of {Writers} landed");
        foreach (var failure in results.Where(r => r.ExitCode != 0).Take(3))
        {
            Output.WriteLine($"  {failure}: {failure.Tail(1)}");
        }

        Assert.True(failed > 0 || landed < Writers, $"all {Writers} writes around the gate landed: the commit delay no longer makes overlapping writers collide");
        Assert.Contains(results, r => r.StandardOutput.Contains("80070020", StringComparison.Ordinal));
    }

    /// <summary>Ten pools and ten sites, each on its own name and port.</summary>
    private static IReadOnlyList<IisOperation> TwentyWrites(string prefix, int firstPort) =>
    [
        .. Enumerable.Range(1, Writers / 2).Select(i => (IisOperation)Writes.Pool($"{prefix}-pool-{i:00}")),
        .. Enumerable.Range(1, Writers / 2).Select(i => (IisOperation)Writes.Site($"{prefix}-site-{i:00}", firstPort + i)),
    ];

    /// <summary>The plain appcmd "add" a deploy script would run, with no check first and no lock around it.</summary>
    private static string AppcmdArguments(IisOperation write) => write switch
    {
        EnsureAppPool pool => $"add apppool '/name:{pool.Name}' /managedRuntimeVersion:{pool.ManagedRuntimeVersion} /managedPipelineMode:{pool.PipelineMode}",
        EnsureSite site => $"add site '/name:{site.Name}' '/bindings:{string.Join(',', site.Bindings.Select(b => b.ToAppcmd()))}' '/physicalPath:{site.PhysicalPath}'",
        _ => throw new ArgumentOutOfRangeException(nameof(write), write.Description, null),
    };
}
