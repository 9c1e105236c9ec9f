using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Machines;

/// <summary>What happened to one machine; persisted under <c>machine-{host}</c>.</summary>
public static class MachineEvents
{
    public interface IMachineEvent : ICoordinatorMessage, IWithHost;

    [Manifest("machine.enrolled.v1")]
    public sealed record Enrolled(string Host, string Environment, string Address, DateTimeOffset At) : IMachineEvent;
}
