namespace Coordinator.Octopus;

/// <summary>
/// How patiently the client talks to the server. The defaults suit a production server; tests shrink them.
/// </summary>
public sealed record OctopusClientOptions
{
    /// <summary>Attempts per request, the first one included; 1 turns retries off.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>How long one attempt may take before it is abandoned (and retried if attempts remain).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>No backoff delay grows beyond this.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A server's <c>Retry-After</c> is honoured up to this long, so a bad header cannot stall a run.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a running server task is polled (Octopus.Client uses 4 s).</summary>
    public TimeSpan TaskPollInterval { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>The health check task's own <c>Timeout</c> argument, for all machines together.</summary>
    public TimeSpan HealthCheckTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The health check task's <c>MachineTimeout</c> argument, per machine.</summary>
    public TimeSpan HealthCheckMachineTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the client waits for a health check to finish when the caller gives no deadline.</summary>
    public TimeSpan HealthCheckDeadline { get; init; } = TimeSpan.FromMinutes(6);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        RequirePositive(AttemptTimeout, nameof(AttemptTimeout));
        RequirePositive(RetryBaseDelay, nameof(RetryBaseDelay));
        RequirePositive(RetryMaxDelay, nameof(RetryMaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryAfter, TimeSpan.Zero, nameof(MaxRetryAfter));
        RequirePositive(TaskPollInterval, nameof(TaskPollInterval));
        RequirePositive(HealthCheckTimeout, nameof(HealthCheckTimeout));
        RequirePositive(HealthCheckMachineTimeout, nameof(HealthCheckMachineTimeout));
        RequirePositive(HealthCheckDeadline, nameof(HealthCheckDeadline));
    }

    private static void RequirePositive(TimeSpan value, string name) =>
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, name);
}
