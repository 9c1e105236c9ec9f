using Coordinator.Actors.Admin;
using Coordinator.Bootstrap.Octopus;
using Coordinator.Bootstrap.Steps;
using Coordinator.Inventory;
using Coordinator.Octopus;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;
using Coordinator.Tentacle;

namespace Coordinator.Bootstrap.Preflight;

/// <summary>
/// What the coordinator checks before it touches any host: that it can read every local file the hosts need, and
/// that the Octopus Server accepts the API key and knows the space, environments and machine policies the hosts
/// name. A run with any problem is refused whole, so a wrong API key never leaves half a fleet bootstrapped.
/// </summary>
public sealed class RunPreflight(OctopusConnections octopus) : IRunPreflight
{
    private const int HostsNamedPerProblem = 5;

    public async Task<FleetCommands.RunPlan> CheckAsync(IReadOnlyList<RunHost> hosts, CancellationToken cancellationToken)
    {
        var checks = new List<string>();
        var problems = new List<string>();
        problems.AddRange(LocalProblems(hosts));

        foreach (var server in hosts.GroupBy(h => h.Spec.Octopus with { ReplaceExisting = false }))
        {
            await CheckServerAsync(server.Key, [.. server], checks, problems, cancellationToken);
        }

        return new FleetCommands.RunPlan(checks, problems, [.. hosts.Select(PlanOf)]);
    }

    private async Task CheckServerAsync(
        OctopusTarget target, IReadOnlyList<RunHost> hosts, List<string> checks, List<string> problems, CancellationToken cancellationToken)
    {
        OctopusConnection connection;
        try
        {
            connection = octopus.For(target);
        }
        catch (Exception e) when (e is SecretResolutionException or FormatException)
        {
            problems.Add($"the Octopus API key cannot be read by the coordinator host: {e.Message}");
            return;
        }

        var client = connection.Client;
        try
        {
            var server = await client.GetServerInfoAsync(cancellationToken);
            checks.Add($"{target.ServerUrl} answers: {server.Application} {server.Version}");
            var user = await client.VerifyApiKeyAsync(cancellationToken);
            checks.Add($"the API key ({target.ApiKeyReference}) belongs to {user.Username}");
            var space = await client.GetSpaceAsync(cancellationToken);
            checks.Add($"space {space.Name} ({space.Id})");
            var environments = await client.ResolveEnvironmentsAsync([.. hosts.Select(h => h.Spec.Environment).Distinct(StringComparer.OrdinalIgnoreCase)], cancellationToken);
            checks.Add($"environments {string.Join(", ", environments.Select(e => $"{e.Name} ({e.Id})"))}");
            foreach (var name in hosts.Select(h => h.Spec.MachinePolicy).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var policy = await client.ResolveMachinePolicyAsync(name, cancellationToken);
                checks.Add($"machine policy {policy.Name} ({policy.Id})");
            }

            checks.Add($"Tentacles will trust the server certificate {await connection.ServerThumbprintAsync(cancellationToken)}");
        }
        catch (OctopusAuthenticationException e)
        {
            problems.Add($"the Octopus Server at {target.ServerUrl} rejected the API key from {target.ApiKeyReference}: {e.Message}");
        }
        catch (OctopusException e)
        {
            problems.Add(e.Message);
        }
    }

    private static IEnumerable<string> LocalProblems(IReadOnlyList<RunHost> hosts)
    {
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            foreach (var problem in ProblemsOf(host.Spec))
            {
                if (!found.TryGetValue(problem, out var named))
                {
                    found[problem] = named = [];
                }

                named.Add(host.Host);
            }
        }

        return found.Select(pair =>
        {
            var named = string.Join(", ", pair.Value.Take(HostsNamedPerProblem));
            var more = pair.Value.Count > HostsNamedPerProblem ? $" and {pair.Value.Count - HostsNamedPerProblem} more" : "";
            return $"{pair.Key} (hosts {named}{more})";
        });
    }

    private static IEnumerable<string> ProblemsOf(MachineSpec spec)
    {
        if (Unreadable(spec.Ssh.IdentityFile) is { } identity)
        {
            yield return $"the SSH identity file {identity}";
        }

        string? policyProblem = null;
        try
        {
            if (MachineSpecs.PolicyOf(spec.Ssh.HostKeyPolicy) == HostAccess.HostKeyPolicy.Strict && Unreadable(spec.Ssh.KnownHostsFile) is { } knownHosts)
            {
                policyProblem = $"host-key-policy strict needs the known-hosts file {knownHosts}";
            }
        }
        catch (ArgumentException e)
        {
            policyProblem = e.Message;
        }

        if (policyProblem is not null)
        {
            yield return policyProblem;
        }

        if (spec.Tentacle.InstallerFile is { } installer)
        {
            var expected = spec.Os == HostPlatform.Windows ? InstallerKind.Msi : InstallerKind.Tarball;
            if (Unreadable(installer) is { } unreadable)
            {
                yield return $"the Tentacle installer {unreadable}";
            }
            else if (InstallerFileName.Read(installer) is not { } read || read.Kind != expected)
            {
                yield return $"the Tentacle installer {installer} is not named like a {spec.Os.ToString().ToLowerInvariant()} installer " +
                    (expected == InstallerKind.Msi ? "(Octopus.Tentacle.<version>-x64.msi)" : "(tentacle-<version>-net8.0-linux-x64.tar.gz)") +
                    "; the version in the name is how the coordinator knows what it installs";
            }
        }
    }

    private static string? Unreadable(string path)
    {
        try
        {
            using var _ = File.OpenRead(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path} cannot be read by the coordinator host: {e.Message}";
        }
    }

    private static HostPlan PlanOf(RunHost host)
    {
        var spec = host.Spec;
        var tentacle = spec.Tentacle;
        var installer = MachineSpecs.InstallerOf(spec);
        string[] steps =
        [
            $"probe {spec.Ssh.User}@{spec.Address}:{spec.Ssh.Port} (host key: {spec.Ssh.HostKeyPolicy})",
            installer is { } i ? $"install Tentacle {i.Version} from {Path.GetFileName(tentacle.InstallerFile)} unless it is there" : "expect Tentacle installed (no installer given)",
            $"create instance {tentacle.Instance} ({tentacle.ConfigurationFile}) unless it exists",
            "import the retained certificate unless the instance presents it",
            $"configure: listen on {tentacle.ListenAddress}:{tentacle.ListenPort}, home {tentacle.HomeDirectory}, app {tentacle.ApplicationDirectory}, trust the server",
            "start the service (or restart it after changes)",
            $"verify the TLS handshake at {spec.Address}:{tentacle.ListenPort} presents the retained thumbprint",
            $"register in {spec.Environment} (roles: {Listed(spec.Roles)}; tenants: {Listed(spec.Tenants)}; policy: {spec.MachinePolicy})" +
                (spec.Octopus.ReplaceExisting ? ", taking over a same-named machine" : ""),
            "health check",
        ];
        return new HostPlan(host.Host, spec.Environment, spec.Address, spec.Os, $"instance {tentacle.Instance}, port {tentacle.ListenPort}", steps);
    }

    private static string Listed(IReadOnlyList<string> values) => values.Count == 0 ? "none" : string.Join(", ", values);
}
