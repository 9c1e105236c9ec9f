namespace Coordinator.Benchmarks;

/// <summary>
/// The last resort behind the deadline: the deadline cancels the benchmark, but stopping the coordinator and the
/// double could still hang. Past the deadline and a grace period the process exits with a failure, whatever it is doing.
/// </summary>
public sealed class Watchdog : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    private readonly Timer _timer;

    private Watchdog(TimeSpan deadline)
    {
        _timer = new Timer(_ => Expire(deadline), null, deadline + Grace, Timeout.InfiniteTimeSpan);
    }

    public static Watchdog Arm(TimeSpan deadline) => new(deadline);

    public void Dispose() => _timer.Dispose();

    private static void Expire(TimeSpan deadline)
    {
        Console.Error.WriteLine($"Benchmark failed: still running {Grace.TotalMinutes:0} minutes past its {deadline} deadline; exiting.");
        Environment.Exit(1);
    }
}
