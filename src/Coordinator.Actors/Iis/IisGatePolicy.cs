using Coordinator.Actors.Machines;
using Coordinator.Iis;

namespace Coordinator.Actors.Iis;

/// <summary>How long one attempt of an IIS operation may take and how transient failures are retried.</summary>
/// <param name="AttemptLimit">
/// The limit of one attempt. A host whose mutex wait is longer gets that wait plus <see cref="WorkAfterMutex"/>, so a
/// script waiting its turn is never cut off before its own timeout says why.
/// </param>
/// <param name="MaxAttempts">Attempts per operation, the first included; still failing transiently after them fails the operation.</param>
/// <param name="WorkAfterMutex">Time for the writes themselves once the mutex is taken.</param>
public sealed record IisGatePolicy(TimeSpan AttemptLimit, int MaxAttempts, TimeSpan InitialBackoff, TimeSpan MaxBackoff, TimeSpan WorkAfterMutex)
{
    public static readonly IisGatePolicy Default = new(TimeSpan.FromMinutes(5), 5, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));

    public TimeSpan AttemptLimitFor(IisMutex mutex) =>
        mutex.Timeout + WorkAfterMutex > AttemptLimit ? mutex.Timeout + WorkAfterMutex : AttemptLimit;

    public TimeSpan BackoffBefore(int nextAttempt, Random random) => BootstrapPolicy.Backoff(InitialBackoff, MaxBackoff, nextAttempt, random);
}
