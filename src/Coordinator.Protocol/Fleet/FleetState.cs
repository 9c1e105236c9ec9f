using System.Collections.Immutable;
using Coordinator.Protocol.Machines;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Fleet;

/// <summary>The directory of known machines, folded from <see cref="FleetEvents"/>. Also its snapshot.</summary>
[Manifest("fleet.state.v1")]
public sealed record FleetState(ImmutableSortedDictionary<string, MachineSummary> Machines) : ICoordinatorMessage
{
    public static readonly FleetState Empty = new(ImmutableSortedDictionary.Create<string, MachineSummary>(StringComparer.Ordinal));

    public bool Knows(string host) => Machines.ContainsKey(host);

    public FleetState Apply(FleetEvents.IFleetEvent @event) => @event switch
    {
        FleetEvents.MachineAdded e => this with
        {
            Machines = Machines.SetItem(e.Host, new MachineSummary(e.Host, e.Environment, MachineStatus.Enrolled, e.At, null)),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unhandled fleet event."),
    };
}
