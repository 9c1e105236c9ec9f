using Coordinator.Protocol.Machines;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Fleet;

/// <summary>Changes to the fleet directory and its runs; persisted under <c>bootstrap-supervisor</c>.</summary>
public static class FleetEvents
{
    public interface IFleetEvent : ICoordinatorMessage;

    [Manifest("fleet.machine-added.v1")]
    public sealed record MachineAdded(string Host, string Environment, DateTimeOffset At) : IFleetEvent;

    [Manifest("fleet.run-started.v1")]
    public sealed record RunStarted(string RunId, IReadOnlyList<RunHost> Hosts, RunOptions Options, DateTimeOffset At) : IFleetEvent;

    /// <summary>One per host per run: the only event the supervisor writes for a host's work.</summary>
    [Manifest("fleet.host-finished.v1")]
    public sealed record HostFinished(string RunId, string Host, BootstrapOutcome Outcome, string? Reason, DateTimeOffset At, string? Thumbprint = null)
        : IFleetEvent;

    /// <summary>A host adopted an operator's certificate; <paramref name="Environment"/> is used only when the host was unknown.</summary>
    [Manifest("fleet.machine-identity-changed.v1")]
    public sealed record MachineIdentityChanged(string Host, string Environment, string Thumbprint, DateTimeOffset At) : IFleetEvent;

    [Manifest("fleet.machine-removed.v1")]
    public sealed record MachineRemoved(string Host, DateTimeOffset At) : IFleetEvent;

    [Manifest("fleet.run-ended.v1")]
    public sealed record RunEnded(string RunId, RunStatus Status, DateTimeOffset At) : IFleetEvent;
}
