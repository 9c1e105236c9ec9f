using System.Collections.Immutable;
using Coordinator.Protocol.Machines;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Fleet;

/// <summary>The directory of known machines and the history of runs, folded from <see cref="FleetEvents"/>. Also its snapshot.</summary>
[Manifest("fleet.state.v1")]
public sealed record FleetState(
    ImmutableSortedDictionary<string, MachineSummary> Machines,
    ImmutableSortedDictionary<string, RunRecord> Runs) : ICoordinatorMessage
{
    public static readonly FleetState Empty = new(
        ImmutableSortedDictionary.Create<string, MachineSummary>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, RunRecord>(StringComparer.Ordinal));

    public bool Knows(string host) => Machines.ContainsKey(host);

    public IEnumerable<RunRecord> RunningRuns => Runs.Values.Where(r => r.Status == RunStatus.Running);

    public FleetState Apply(FleetEvents.IFleetEvent @event) => @event switch
    {
        FleetEvents.MachineAdded e => this with
        {
            Machines = Machines.SetItem(e.Host, new MachineSummary(e.Host, e.Environment, MachineStatus.Enrolled, e.At, null)),
        },
        FleetEvents.RunStarted e => this with
        {
            Machines = Machines.SetItems(e.Hosts
                .Where(h => !Machines.ContainsKey(h.Host))
                .Select(h => KeyValuePair.Create(h.Host, new MachineSummary(h.Host, h.Spec.Environment, MachineStatus.Enrolled, e.At, null)))),
            Runs = Runs.SetItem(e.RunId, new RunRecord(
                e.RunId,
                e.Options,
                [.. e.Hosts],
                ImmutableDictionary<string, HostResult>.Empty,
                RunStatus.Running,
                e.At,
                null)),
        },
        FleetEvents.HostFinished e when Runs.TryGetValue(e.RunId, out var run) => this with
        {
            Runs = Runs.SetItem(e.RunId, run with { Results = run.Results.SetItem(e.Host, new HostResult(e.Outcome, e.Reason, e.At)) }),
            Machines = Machines.TryGetValue(e.Host, out var machine)
                ? Machines.SetItem(e.Host, machine with
                {
                    Status = e.Outcome == BootstrapOutcome.Succeeded ? MachineStatus.Ready : MachineStatus.Failed,
                    LastError = e.Outcome == BootstrapOutcome.Succeeded ? null : e.Reason,
                    UpdatedAt = e.At,
                    Thumbprint = e.Thumbprint ?? machine.Thumbprint,
                })
                : Machines,
        },
        FleetEvents.RunEnded e when Runs.TryGetValue(e.RunId, out var run) => this with
        {
            Runs = Runs.SetItem(e.RunId, run with { Status = e.Status, EndedAt = e.At }),
        },
        FleetEvents.MachineIdentityChanged e => this with
        {
            Machines = Machines.SetItem(e.Host, Machines.TryGetValue(e.Host, out var known)
                ? known with { Thumbprint = e.Thumbprint, UpdatedAt = e.At }
                : new MachineSummary(e.Host, e.Environment, MachineStatus.Enrolled, e.At, null, e.Thumbprint)),
        },
        FleetEvents.MachineRemoved e => this with { Machines = Machines.Remove(e.Host) },
        FleetEvents.HostFinished or FleetEvents.RunEnded => this,
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unhandled fleet event."),
    };
}
