namespace Coordinator.Benchmarks.Simulation;

/// <summary>How many simulated remote operations ran and how long they really took; safe to update from any thread.</summary>
public sealed class TransportStatistics
{
    private long _operations;
    private long _totalTicks;
    private long _maxTicks;

    public void Record(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _operations);
        Interlocked.Add(ref _totalTicks, elapsed.Ticks);
        var max = Interlocked.Read(ref _maxTicks);
        while (elapsed.Ticks > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxTicks, elapsed.Ticks, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>What was recorded since the last call; starts the next run's count from zero.</summary>
    public TransportSnapshot TakeAndReset()
    {
        var operations = Interlocked.Exchange(ref _operations, 0);
        var total = Interlocked.Exchange(ref _totalTicks, 0);
        var max = Interlocked.Exchange(ref _maxTicks, 0);
        return new TransportSnapshot(
            operations,
            operations == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(total / operations),
            TimeSpan.FromTicks(max));
    }
}

/// <param name="Operations">Commands, uploads, deletes, temp paths and TLS checks.</param>
/// <param name="MeanElapsed">How long one really took on average: the fixed latency plus the timer's lateness.</param>
public sealed record TransportSnapshot(long Operations, TimeSpan MeanElapsed, TimeSpan MaxElapsed);
