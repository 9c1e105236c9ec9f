using Coordinator.Protocol.Fleet;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>
/// Tells a slow run from a stuck one: a run whose hosts have not changed state, step or attempt for
/// <paramref name="limit"/> will not end by itself. The limit is well above anything that can pass for progress
/// in the coordinator (a 60 s journal timeout, a 30 s recovery timeout, a retry backoff of at most 1 min).
/// </summary>
public sealed class StallDetector(TimeSpan limit)
{
    private string? _signature;

    public TimeSpan Limit => limit;

    /// <summary>When, on the caller's clock, the run last changed.</summary>
    public TimeSpan LastChange { get; private set; }

    /// <summary>Records the progress seen at <paramref name="now"/>; true when it differs from the last seen.</summary>
    public bool Changed(FleetCommands.RunProgress progress, TimeSpan now)
    {
        var signature = string.Join(
            ';',
            progress.Hosts
                .GroupBy(host => (host.State, host.Step, host.Attempt))
                .OrderBy(group => group.Key)
                .Select(group => $"{group.Key}={group.Count()}"));
        if (signature == _signature)
        {
            return false;
        }

        _signature = signature;
        LastChange = now;
        return true;
    }

    /// <summary>True once nothing has changed for the limit.</summary>
    public bool IsStalled(TimeSpan now) => now - LastChange >= limit;
}
