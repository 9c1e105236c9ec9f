using Coordinator.Benchmarks.Simulation;
using Coordinator.Protocol.Fleet;
using OctopusServer.Double.State;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>
/// The product's promise for a rebuilt host: it comes back as the same Octopus machine (same id, same thumbprint),
/// and its Tentacle presents that same certificate again. Read from the Octopus double's state and the simulated hosts.
/// </summary>
public static class OctopusIdentities
{
    private const int ProblemsShown = 5;

    /// <summary>Each host's Octopus machine (id and thumbprint), by host name; a host with none or several is left out.</summary>
    public static IReadOnlyDictionary<string, MachineIdentity> Of(OctopusState octopus, IReadOnlyList<RunHost> hosts)
    {
        var names = hosts.Select(host => host.Host).ToHashSet(StringComparer.Ordinal);
        return octopus.Machines
            .Where(machine => names.Contains(machine.Name))
            .GroupBy(machine => machine.Name, StringComparer.Ordinal)
            .Where(group => group.Count() == 1)
            .ToDictionary(group => group.Key, group => new MachineIdentity(group.Single().Id, group.Single().Endpoint.Thumbprint), StringComparer.Ordinal);
    }

    /// <summary>Compares the hosts' machines after the rebuilt run with those before it, and what each host presents.</summary>
    /// <param name="before">Read after the new-fleet run, before the hosts were rebuilt.</param>
    /// <param name="machinesBefore">All machines Octopus held before the rebuilt run: a rebuilt host must not add one.</param>
    public static IdentityCheck Check(
        IReadOnlyDictionary<string, MachineIdentity> before, int machinesBefore, OctopusState octopus, SimulatedFleet fleet, IReadOnlyList<RunHost> hosts)
    {
        var after = Of(octopus, hosts);
        var problems = new List<string>();
        foreach (var host in hosts)
        {
            var name = host.Host;
            if (!before.TryGetValue(name, out var was))
            {
                problems.Add($"{name} had no single Octopus machine before it was rebuilt");
            }
            else if (!after.TryGetValue(name, out var now))
            {
                problems.Add($"{name} no longer has a single Octopus machine (it had {was.MachineId})");
            }
            else if (now != was)
            {
                problems.Add($"{name} was {was.MachineId} with {was.Thumbprint}, now {now.MachineId} with {now.Thumbprint}");
            }
            else if (fleet.PresentedAt(host.Spec.Address) is var presented && presented != was.Thumbprint)
            {
                problems.Add($"{name}'s Tentacle presents {presented ?? "no certificate"}, not {was.Thumbprint}");
            }
        }

        var added = octopus.Machines.Count - machinesBefore;
        return new IdentityCheck(hosts.Count, hosts.Count - problems.Count, added, problems.Count, [.. problems.Take(ProblemsShown)]);
    }
}

public sealed record MachineIdentity(string MachineId, string Thumbprint);

/// <param name="Kept">Hosts with the same Octopus machine id and thumbprint as before, whose Tentacle presents that thumbprint.</param>
/// <param name="MachinesAdded">Octopus machines the run added (or, negative, removed); 0 when every host came back as itself.</param>
/// <param name="HostsWrong">Hosts that did not come back as themselves; <see cref="Examples"/> says how, for the first few.</param>
public sealed record IdentityCheck(int Hosts, int Kept, int MachinesAdded, int HostsWrong, IReadOnlyList<string> Examples)
{
    public bool Passed => HostsWrong == 0 && MachinesAdded == 0;

    public override string ToString() => Passed
        ? $"all {Hosts} hosts kept their Octopus machine id and thumbprint, and Octopus holds no new machine"
        : $"{Kept} of {Hosts} hosts kept their Octopus machine id and thumbprint; Octopus machines added: {MachinesAdded}" +
          (Examples.Count == 0 ? "" : $"; {string.Join("; ", Examples)}");
}
