using Coordinator.Inventory;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;

namespace Coordinator.Cli.Inventory;

/// <summary>
/// Turns a validated inventory into the hosts of a run. Paths stay as the inventory resolved them (absolute), and the
/// API key stays a reference: the coordinator host reads the files and the key, so the key never passes through coord.
/// </summary>
public static class RunHosts
{
    public static IReadOnlyList<RunHost> From(FleetInventory inventory, bool replaceExisting)
    {
        var octopus = new OctopusTarget(inventory.Octopus.Url.ToString(), inventory.Octopus.Space, inventory.Octopus.ApiKey.ToString(), replaceExisting);
        return [.. inventory.Hosts.Select(host => new RunHost(host.Name, new MachineSpec(
            host.Environment,
            host.Address,
            host.Os == HostOs.Windows ? HostPlatform.Windows : HostPlatform.Linux,
            [.. host.Roles],
            [.. host.Tenants],
            host.MachinePolicy,
            new SshSpec(host.Ssh.User, host.Ssh.Port, host.Ssh.IdentityFile, PolicyName(host.Ssh.HostKeyPolicy), host.Ssh.KnownHostsFile, host.Ssh.CommandTimeout),
            new TentacleSpec(
                host.Tentacle.Instance,
                host.Tentacle.ListenPort,
                host.Tentacle.ListenAddress,
                host.Tentacle.InstallerFile,
                host.Tentacle.InstallDirectory,
                host.Tentacle.ConfigurationFile,
                host.Tentacle.HomeDirectory,
                host.Tentacle.ApplicationDirectory),
            octopus,
            new IisSpec(host.Iis.Mutex.Name, host.Iis.Mutex.Timeout, [.. host.Iis.Baseline]))))];
    }

    private static string PolicyName(HostKeyPolicy policy) => policy switch
    {
        HostKeyPolicy.Strict => "strict",
        HostKeyPolicy.AcceptNew => "accept-new",
        _ => "off",
    };
}
