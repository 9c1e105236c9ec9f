using System.Collections.Immutable;

namespace Coordinator.Inventory;

/// <summary>
/// A validated fleet: the Octopus Server to register with and every host, fully resolved. Built by
/// <see cref="InventoryLoader"/>; narrowed for one run with <see cref="Select"/>.
/// </summary>
/// <param name="Source">The file it was read from, as named to the loader.</param>
/// <param name="Octopus">The Octopus Server settings.</param>
/// <param name="Environments">Environment names in file order.</param>
/// <param name="Hosts">Every host in file order; each environment has at least one.</param>
public sealed record FleetInventory(
    string Source,
    OctopusServerSettings Octopus,
    ImmutableArray<string> Environments,
    ImmutableArray<InventoryHost> Hosts)
{
    /// <summary>The host with this name (ignoring case), or <c>null</c>.</summary>
    public InventoryHost? FindHost(string name) =>
        Hosts.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The same inventory narrowed to one environment and/or some hosts. <c>null</c> (or no host names) means no
    /// narrowing on that axis. Names are matched ignoring case.
    /// </summary>
    /// <exception cref="InventorySelectionException">
    /// An environment or host is not in the inventory, or a host is not in the chosen environment. Every such
    /// name is reported at once.
    /// </exception>
    public FleetInventory Select(string? environment = null, IEnumerable<string>? hosts = null)
    {
        var problems = new List<string>();
        var environments = Environments;
        if (environment is not null)
        {
            var match = Environments.FirstOrDefault(e => string.Equals(e, environment.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                problems.Add(UnknownName("environment", environment, Environments));
            }
            else
            {
                environments = [match];
            }
        }

        var inScope = Hosts.Where(h => environments.Contains(h.Environment)).ToImmutableArray();
        var chosen = inScope;
        var hostNames = hosts?.ToList() ?? [];
        if (hostNames.Count > 0)
        {
            var picked = new HashSet<InventoryHost>();
            foreach (var name in hostNames)
            {
                var host = FindHost(name.Trim());
                if (host is null)
                {
                    problems.Add(UnknownName("host", name, Hosts.Select(h => h.Name)));
                }
                else if (!inScope.Contains(host))
                {
                    problems.Add($"host '{host.Name}' is in environment '{host.Environment}', not '{environments[0]}'");
                }
                else
                {
                    picked.Add(host);
                }
            }

            chosen = [.. inScope.Where(picked.Contains)];
        }

        if (problems.Count > 0)
        {
            throw new InventorySelectionException(problems);
        }

        return this with
        {
            Environments = [.. environments.Where(e => chosen.Any(h => h.Environment == e))],
            Hosts = chosen,
        };
    }

    private static string UnknownName(string kind, string name, IEnumerable<string> known)
    {
        var names = known.ToList();
        var suggestion = SpellingSuggestion.Closest(name.Trim(), names);
        var hint = suggestion is null ? "" : $" — did you mean '{suggestion}'?";
        // A large fleet's full list would drown the one line that matters.
        var list = names.Count <= 20 ? $" (the inventory has: {string.Join(", ", names)})" : "";
        return $"unknown {kind} '{name}'{hint}{list}";
    }
}
