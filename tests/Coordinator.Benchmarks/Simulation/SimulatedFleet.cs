using System.Collections.Concurrent;
using System.Diagnostics;

namespace Coordinator.Benchmarks.Simulation;

/// <summary>
/// What the simulated hosts share: the fixed latency every remote operation costs, the certificate each host's
/// Tentacle would present once the import step put it there (keyed by address, which is all the verify step
/// knows), and how long the operations really took.
/// </summary>
public sealed class SimulatedFleet(TimeSpan latency)
{
    private readonly ConcurrentDictionary<string, string> _presented = new(StringComparer.Ordinal);

    public TimeSpan Latency => latency;

    public TransportStatistics Statistics { get; } = new();

    /// <summary>
    /// One remote operation's latency: a timer, never a blocked thread, so a thousand hosts waiting at once cost
    /// no threads. How late the timer really fired is recorded, since a starved thread pool shows up there first.
    /// </summary>
    public async Task DelayAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(latency, cancellationToken);
        Statistics.Record(Stopwatch.GetElapsedTime(started));
    }

    public void Present(string address, string thumbprint) => _presented[address] = thumbprint;

    /// <summary>
    /// The hosts at <paramref name="addresses"/> were destroyed and recreated: nothing of Tentacle is left on them, so
    /// none presents a certificate until the import step puts the retained one back (the probe always finds a fresh host).
    /// </summary>
    public void Rebuild(IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            _presented.TryRemove(address, out _);
        }
    }

    /// <summary>The thumbprint the Tentacle at <paramref name="address"/> presents, or null when none was imported there.</summary>
    public string? PresentedAt(string address) => _presented.GetValueOrDefault(address);
}
