using System.Diagnostics;
using Coordinator.Iis;
using Coordinator.IisGateTests.Support;
using Coordinator.Protocol.Iis;
using Xunit.Abstractions;

namespace Coordinator.IisGateTests;

/// <summary>One gate per host: within a host one write at a time in number order, across hosts at the same time.</summary>
[Collection(GateLabCollection.Name)]
public sealed class ParallelHostsTests(GateLab lab, ITestOutputHelper output) : GateTestKit(lab, output)
{
    private const int WritesPerHost = 10;

    [Fact]
    public async Task Five_hosts_with_ten_writes_each_run_one_at_a_time_per_host_in_order_and_side_by_side_across_hosts()
    {
        var runner = new RecordingRunner(RealRunner());
        var prefix = Writes.NewPrefix("Fleet");
        var hosts = Lab.Hosts.Select(host => (
            Host: host,
            Gate: StartGate(host, GateLab.SpecFor(host, GateLab.NewMutex(TimeSpan.FromMinutes(1))), runner),
            Writes: Enumerable.Range(1, WritesPerHost).Select(i => (IisOperation)Writes.Pool($"{prefix}-{host.Name}-{i:00}")).ToList()))
            .ToList();
        var clock = Stopwatch.StartNew();

        var finished = await Task.WhenAll(hosts.SelectMany(h => h.Writes.Select(write => Task.Run(async () =>
            (h.Host, Write: write, View: Assert.Single((await ApplyAsync(h.Gate, h.Host, [write], write.Description)).Operations))))));

        clock.Stop();
        Assert.All(finished, f => Assert.True(f.View.State == IisOperationState.Changed, $"{f.Host.Name} {Describe(f.View)}"));
        var numberOf = finished.ToDictionary(f => (f.Host.Name, f.Write), f => f.View.Number);
        foreach (var (host, _, writes) in hosts)
        {
            var attempts = runner.Attempts.Where(a => a.Host == host.Name).OrderBy(a => a.Start).ToList();
            Assert.Empty(RecordingRunner.Overlaps(attempts));
            var numbers = attempts.Select(a => numberOf[(host.Name, a.Operation)]).ToList();
            Assert.Equal(numbers.Order(), numbers);
            Assert.Equal(WritesPerHost, numbers.Distinct().Count());
            Assert.Equal(writes.Select(Writes.NameOf).Order(StringComparer.Ordinal), GateLab.ConfigOf(host).EntriesOf(writes.Select(Writes.NameOf)));
            Output.WriteLine($"{host.Name}: {attempts.Count} attempts from {attempts[0].Start:g} to {attempts[^1].End:g} ({attempts[^1].End - attempts[0].Start:g})");
        }

        var mostHostsAtOnce = MostHostsInFlightAtOnce(runner.Attempts);
        Output.WriteLine($"all {hosts.Count * WritesPerHost} writes on {hosts.Count} hosts: {clock.Elapsed:g}; at most {mostHostsAtOnce} hosts had a write in flight at the same moment");
        Assert.True(mostHostsAtOnce >= 2, $"the hosts' writes never overlapped: at most {mostHostsAtOnce} host had one in flight at a time");
    }

    /// <summary>Sweeps the attempts' starts and ends in time order, counting hosts with an attempt running.</summary>
    private static int MostHostsInFlightAtOnce(IReadOnlyList<RecordedAttempt> attempts)
    {
        var running = new Dictionary<string, int>(StringComparer.Ordinal);
        var most = 0;
        // At equal times ends go first, so a write that starts as another ends does not count as overlapping it.
        foreach (var (host, _, delta) in attempts
            .SelectMany(a => new[] { (a.Host, At: a.Start, Delta: 1), (a.Host, At: a.End, Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta))
        {
            running[host] = running.GetValueOrDefault(host) + delta;
            most = Math.Max(most, running.Count(r => r.Value > 0));
        }

        return most;
    }
}
