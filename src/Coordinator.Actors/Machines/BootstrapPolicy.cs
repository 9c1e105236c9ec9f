namespace Coordinator.Actors.Machines;

/// <summary>How long a step may take and how transient failures are retried.</summary>
/// <param name="MaxAttempts">Attempts per step, the first included; a step that still fails transiently fails the host.</param>
public sealed record BootstrapPolicy(TimeSpan StepTimeout, int MaxAttempts, TimeSpan InitialBackoff, TimeSpan MaxBackoff)
{
    public static readonly BootstrapPolicy Default = new(TimeSpan.FromMinutes(10), 5, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1));

    /// <summary>Exponential backoff with ±20% jitter, so hosts that failed together do not retry together.</summary>
    public TimeSpan BackoffBefore(int nextAttempt, Random random) => Backoff(InitialBackoff, MaxBackoff, nextAttempt, random);

    /// <summary>The delay before attempt <paramref name="nextAttempt"/> (2 or more): doubling from <paramref name="initial"/>, capped, ±20%.</summary>
    public static TimeSpan Backoff(TimeSpan initial, TimeSpan max, int nextAttempt, Random random)
    {
        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Max(0, nextAttempt - 2));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (random.NextDouble() * 0.4)));
    }
}
