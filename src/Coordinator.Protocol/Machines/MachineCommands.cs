using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Machines;

/// <summary>Commands a MachineActor accepts. Every one names its host, which is the entity id.</summary>
public static class MachineCommands
{
    /// <summary>Make the host known (idempotent: enrolling again with the same details changes nothing).</summary>
    [Manifest("machine.enroll.v1")]
    public sealed record Enroll(string Host, string Environment, string Address) : ICoordinatorMessage, IWithHost;

    /// <summary>Reply: the machine's <see cref="MachineState"/>.</summary>
    [Manifest("machine.get-state.v1")]
    public sealed record GetState(string Host) : ICoordinatorMessage, IWithHost;
}
