using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Machines;

/// <summary>One machine's truth, folded from its events. Also its snapshot.</summary>
/// <param name="ActiveRun">The bootstrap run in progress, or null; survives restarts so the run can resume.</param>
/// <param name="LastRunId">The most recent run that ended (succeeded, failed or was cancelled).</param>
/// <param name="Identity">The retained Tentacle certificate, sealed; null until the first run issues it.</param>
/// <param name="LastSpec">The spec of the latest run: where <c>coord forget</c> finds the host's Octopus Server.</param>
[Manifest("machine.state.v1")]
public sealed record MachineState(
    string Host,
    string? Environment,
    string? Address,
    MachineStatus Status,
    DateTimeOffset? EnrolledAt,
    DateTimeOffset? UpdatedAt,
    string? LastError,
    ActiveRun? ActiveRun,
    string? LastRunId,
    RetainedIdentity? Identity,
    MachineSpec? LastSpec = null) : ICoordinatorMessage
{
    public static MachineState New(string host) => new(host, null, null, MachineStatus.Enrolled, null, null, null, null, null, null);

    public bool IsEnrolled => EnrolledAt is not null;

    /// <summary>True when enrolling with these details would change nothing.</summary>
    public bool Matches(MachineCommands.Enroll command) =>
        IsEnrolled
        && string.Equals(Environment, command.Environment, StringComparison.Ordinal)
        && string.Equals(Address, command.Address, StringComparison.Ordinal);

    /// <summary>True when <paramref name="runId"/> is the run this machine is working on.</summary>
    public bool IsRunning(string runId) => ActiveRun is not null && ActiveRun.RunId == runId;

    /// <summary>True when <paramref name="runId"/> already ended here, so asking for it again must not redo it.</summary>
    public bool HasFinished(string runId) => LastRunId == runId && ActiveRun is null;

    public MachineState Apply(MachineEvents.IMachineEvent @event) => @event switch
    {
        MachineEvents.Enrolled e => this with
        {
            Environment = e.Environment,
            Address = e.Address,
            EnrolledAt = EnrolledAt ?? e.At,
            UpdatedAt = e.At,
        },
        MachineEvents.CertificateRetained e => this with { Identity = Identity ?? e.Identity, UpdatedAt = e.At },
        MachineEvents.CertificateAdopted e => this with { Identity = e.Identity, UpdatedAt = e.At },
        MachineEvents.Forgotten => New(Host),
        MachineEvents.BootstrapStarted e => this with
        {
            Environment = e.Spec.Environment,
            Address = e.Spec.Address,
            EnrolledAt = EnrolledAt ?? e.At,
            Status = MachineStatus.InProgress,
            ActiveRun = new ActiveRun(e.RunId, e.Spec, BootstrapSteps.First),
            LastSpec = e.Spec,
            LastError = null,
            UpdatedAt = e.At,
        },
        MachineEvents.StepCompleted e when IsRunning(e.RunId) => BootstrapSteps.After(e.Step) is { } next
            ? this with { ActiveRun = ActiveRun! with { NextStep = next }, UpdatedAt = e.At }
            : this with { Status = MachineStatus.Ready, ActiveRun = null, LastRunId = e.RunId, UpdatedAt = e.At },
        MachineEvents.BootstrapFailed e when IsRunning(e.RunId) => this with
        {
            Status = MachineStatus.Failed,
            LastError = $"{e.Step}: {e.Reason}",
            ActiveRun = null,
            LastRunId = e.RunId,
            UpdatedAt = e.At,
        },
        MachineEvents.BootstrapCancelled e when IsRunning(e.RunId) => this with
        {
            Status = MachineStatus.Failed,
            LastError = "cancelled by an operator",
            ActiveRun = null,
            LastRunId = e.RunId,
            UpdatedAt = e.At,
        },
        // An event for a run that is no longer active changes nothing: replaying it must be harmless.
        MachineEvents.StepCompleted or MachineEvents.BootstrapFailed or MachineEvents.BootstrapCancelled => this,
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unhandled machine event."),
    };

    public Fleet.MachineSummary ToSummary() =>
        new(Host, Environment ?? string.Empty, Status, UpdatedAt, LastError, Identity?.Thumbprint);
}

/// <param name="Thumbprint">Upper-case SHA-1 hex, as Octopus pins it.</param>
/// <param name="SealedPfx">The PKCS#12 sealed with the coordinator's certificate key (base64); useless without that key.</param>
public sealed record RetainedIdentity(string Thumbprint, string SealedPfx, DateTimeOffset NotAfter)
{
    /// <summary>Never the sealed bytes: they have no business in logs.</summary>
    public override string ToString() => $"{nameof(RetainedIdentity)} {{ Thumbprint = {Thumbprint}, NotAfter = {NotAfter:O} }}";
}

/// <param name="NextStep">The first step not yet completed: where a resumed run picks up.</param>
public sealed record ActiveRun(string RunId, MachineSpec Spec, BootstrapStep NextStep);
