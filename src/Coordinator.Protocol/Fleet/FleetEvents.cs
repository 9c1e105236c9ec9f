using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Fleet;

/// <summary>Changes to the fleet directory; persisted under <c>bootstrap-supervisor</c>.</summary>
public static class FleetEvents
{
    public interface IFleetEvent : ICoordinatorMessage, IWithHost;

    [Manifest("fleet.machine-added.v1")]
    public sealed record MachineAdded(string Host, string Environment, DateTimeOffset At) : IFleetEvent;
}
