using Coordinator.Iis;
using Coordinator.Protocol.Machines;

namespace Coordinator.Actors.Iis;

/// <summary>
/// Runs one attempt of one IIS operation on a host (over SSH, as a PowerShell script that holds the host's mutex while
/// it writes). The <see cref="IisGate"/> decides what runs when and retries; the runner only does it, and must honour
/// the token, which fires at the attempt's time limit.
/// </summary>
public interface IIisOperationRunner
{
    /// <param name="spec">How to reach the host, and its IIS mutex.</param>
    /// <param name="timeLimit">The attempt's limit; the script's own mutex wait is shorter.</param>
    Task<IisAttemptResult> RunAsync(string host, MachineSpec spec, IisOperation operation, TimeSpan timeLimit, CancellationToken cancellationToken);

    /// <summary>The host's gate has nothing left to do: let go of what was kept for it, such as its connection.</summary>
    ValueTask ReleaseAsync(string host) => ValueTask.CompletedTask;
}

public abstract record IisAttemptResult
{
    public sealed record Done(IisResult Result) : IisAttemptResult;

    /// <param name="Transient">True when another attempt may succeed: contention, the mutex, a dropped connection, a timeout.</param>
    /// <param name="Reason">What failed, with the host's message.</param>
    public sealed record Failed(string Reason, bool Transient) : IisAttemptResult;
}
