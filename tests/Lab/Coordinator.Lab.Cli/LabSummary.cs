namespace Coordinator.Lab.Cli;

/// <summary>How to reach a lab's hosts, as <c>lab up</c> and <c>lab status</c> print it.</summary>
internal static class LabSummary
{
    public static void Write(LabState state, IReadOnlyDictionary<string, bool>? answering = null)
    {
        Console.WriteLine($"Lab in {state.StateDirectory}: {state.Hosts.Count} host(s), owned by process {state.OwnerProcessId}{(state.OwnerIsAlive ? "" : " (gone: run lab down to clear up)")}.");
        foreach (var host in state.Hosts)
        {
            var health = answering is null ? "" : answering[host.Name] ? "  answering" : "  NOT ANSWERING";
            Console.WriteLine($"  {host.Name,-8} {host.Address}:{host.Port,-6} {host.Flavour.ToString().ToLowerInvariant(),-8} {host.HostKeyFingerprint}{health}");
        }

        Console.WriteLine($"Reach a host:  ssh -F {state.SshConfigPath} {state.Hosts[0].Name}");
        Console.WriteLine($"Client key:    {state.ClientKeyPath}");
        Console.WriteLine($"known_hosts:   {state.KnownHostsPath}");
        Console.WriteLine($"Stop the lab:  lab down --state {state.StateDirectory}");
    }
}
