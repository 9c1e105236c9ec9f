using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Machines;

/// <summary>What happened to one machine; persisted under <c>machine-{host}</c>. One event per completed step.</summary>
public static class MachineEvents
{
    public interface IMachineEvent : ICoordinatorMessage, IWithHost;

    [Manifest("machine.enrolled.v1")]
    public sealed record Enrolled(string Host, string Environment, string Address, DateTimeOffset At) : IMachineEvent;

    /// <summary>
    /// The identity this host keeps across rebuilds, generated once and persisted before any host sees it, so
    /// a crash can never lead to a second identity being imported. The PFX is sealed (AES-GCM), never plain.
    /// </summary>
    [Manifest("machine.certificate-retained.v1")]
    public sealed record CertificateRetained(string Host, RetainedIdentity Identity, DateTimeOffset At) : IMachineEvent;

    [Manifest("machine.bootstrap-started.v1")]
    public sealed record BootstrapStarted(string Host, string RunId, MachineSpec Spec, DateTimeOffset At) : IMachineEvent;

    /// <param name="Detail">What the step found or did, for operators (e.g. "already installed", "Machines-12").</param>
    [Manifest("machine.step-completed.v1")]
    public sealed record StepCompleted(
        string Host,
        string RunId,
        BootstrapStep Step,
        int Attempt,
        long DurationMs,
        string? Detail,
        DateTimeOffset At) : IMachineEvent;

    /// <param name="Reason">Why, with the tail of the host's stderr when the host said something.</param>
    [Manifest("machine.bootstrap-failed.v1")]
    public sealed record BootstrapFailed(string Host, string RunId, BootstrapStep Step, string Reason, DateTimeOffset At) : IMachineEvent;

    [Manifest("machine.bootstrap-cancelled.v1")]
    public sealed record BootstrapCancelled(string Host, string RunId, DateTimeOffset At) : IMachineEvent;

    /// <summary>An operator's certificate (<c>coord certs import</c>) becomes the host's identity, sealed like an issued one.</summary>
    [Manifest("machine.certificate-adopted.v1")]
    public sealed record CertificateAdopted(string Host, RetainedIdentity Identity, DateTimeOffset At) : IMachineEvent;

    /// <summary><c>coord forget</c>: the identity is dropped and the machine starts over as if new.</summary>
    [Manifest("machine.forgotten.v1")]
    public sealed record Forgotten(string Host, DateTimeOffset At) : IMachineEvent;
}
