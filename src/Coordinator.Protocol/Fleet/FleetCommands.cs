using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Fleet;

/// <summary>Commands for the BootstrapSupervisor, which keeps the directory of known machines.</summary>
public static class FleetCommands
{
    /// <summary>Add a host to the fleet and enroll its MachineActor. Reply: the machine's <see cref="Machines.MachineState"/>.</summary>
    [Manifest("fleet.enroll.v1")]
    public sealed record Enroll(string Host, string Environment, string Address) : ICoordinatorMessage, IWithHost;
}
