using Coordinator.Protocol.Machines;

namespace Coordinator.Actors.Machines;

/// <summary>
/// Carries out one bootstrap step against a host (SSH, Tentacle, Octopus). The MachineActor decides what runs
/// when; the runner only does it. Steps must be idempotent — a run resumed after a crash repeats the step that was
/// in flight — and must honour the token, which fires on the step timeout and on cancel.
/// </summary>
public interface IBootstrapStepRunner
{
    Task<StepResult> RunAsync(StepRequest request, CancellationToken cancellationToken);

    /// <summary>The host's run ended (whatever the outcome): let go of what was kept for it, such as its connection.</summary>
    ValueTask ReleaseAsync(string host) => ValueTask.CompletedTask;

    /// <summary>
    /// For <c>coord forget</c>: removes the Octopus machine holding <paramref name="thumbprint"/> from the server the
    /// host last registered with, and says what happened there.
    /// </summary>
    Task<string> DeregisterAsync(string host, MachineSpec lastSpec, string thumbprint, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"this coordinator has no {nameof(IBootstrapStepRunner)} that reaches Octopus, so it cannot deregister {host}");
}

/// <param name="Identity">The host's retained certificate: the ImportCertificate step puts exactly this one on the host.</param>
/// <param name="Output">Told every line the step's host commands print, when the run streams its output; null otherwise.</param>
public sealed record StepRequest(
    string Host, string RunId, BootstrapStep Step, int Attempt, MachineSpec Spec, RetainedIdentity Identity, IProgress<StepOutputLine>? Output = null);

/// <summary>A line a host command printed: on stderr when <paramref name="IsError"/>.</summary>
public sealed record StepOutputLine(bool IsError, string Text);

public abstract record StepResult
{
    /// <param name="Detail">What the step found or did, for operators ("already installed", "Machines-12").</param>
    public sealed record Completed(string? Detail) : StepResult;

    /// <param name="Transient">True when trying again may help (a dropped connection, a 503, a timeout).</param>
    /// <param name="Reason">Why, including the tail of the host's stderr when it said something.</param>
    public sealed record Failed(string Reason, bool Transient) : StepResult;
}
