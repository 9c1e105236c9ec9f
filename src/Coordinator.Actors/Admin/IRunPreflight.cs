using Coordinator.Protocol.Fleet;

namespace Coordinator.Actors.Admin;

/// <summary>
/// Checks a run before any host is touched: the Octopus Server and API key, the names the hosts use there, and
/// the local files they need. A run whose plan has problems is refused with them.
/// </summary>
public interface IRunPreflight
{
    Task<FleetCommands.RunPlan> CheckAsync(IReadOnlyList<RunHost> hosts, CancellationToken cancellationToken);
}

/// <summary>For hosts built without the bootstrap adapter (tests of the actors alone): nothing to check.</summary>
public sealed class NoPreflight : IRunPreflight
{
    public static readonly NoPreflight Instance = new();

    public Task<FleetCommands.RunPlan> CheckAsync(IReadOnlyList<RunHost> hosts, CancellationToken cancellationToken) =>
        Task.FromResult(new FleetCommands.RunPlan([], [], [.. hosts.Select(h => new HostPlan(
            h.Host, h.Spec.Environment, h.Spec.Address, h.Spec.Os, h.Spec.Tentacle.Instance, [.. Protocol.Machines.BootstrapSteps.InOrder.Select(s => s.ToString())]))]));
}
