using System.Text;

namespace Coordinator.Lab;

/// <summary>
/// The files that tell clients how to reach a lab: known_hosts with every host's key, an ssh_config
/// so a human can <c>ssh -F ssh_config lab-02</c>, and <c>lab.json</c>.
/// </summary>
internal sealed class LabClientFiles(LabDirectory lab, int ownerProcessId, long ownerStartTime)
{
    private readonly SemaphoreSlim _writing = new(1, 1);

    public static LabClientFiles OwnedByThisProcess(LabDirectory lab) =>
        new(lab, Environment.ProcessId, ProcFs.StartTimeOf(Environment.ProcessId) ?? 0);

    public async Task WriteAsync(IReadOnlyList<LabHost> hosts, CancellationToken cancellationToken)
    {
        // Hosts recreated at the same time each rewrite the files; one at a time keeps every host in them.
        await _writing.WaitAsync(cancellationToken);
        try
        {
            await ReplaceAsync(lab.KnownHosts, KnownHosts(hosts), cancellationToken);
            await ReplaceAsync(lab.SshConfig, SshConfig(hosts), cancellationToken);
            var state = new LabState(
                ownerProcessId,
                ownerStartTime,
                lab.Root,
                lab.ClientKey,
                lab.KnownHosts,
                lab.SshConfig,
                hosts.Select(host => host.ToState()).ToList());
            await state.WriteAsync(lab.StateFile, cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    private static string KnownHosts(IEnumerable<LabHost> hosts) =>
        string.Concat(hosts.Select(host => $"{HostPattern(host.Name, host.Port)},{HostPattern(host.Address.ToString(), host.Port)} {host.HostPublicKey}\n"));

    private static string HostPattern(string host, int port) => port == 22 ? host : $"[{host}]:{port}";

    private string SshConfig(IEnumerable<LabHost> hosts)
    {
        var config = new StringBuilder();
        config.AppendLine($"# Lab in {lab.Root}. Reach a host with: ssh -F {lab.SshConfig} <name>");
        foreach (var host in hosts)
        {
            config.AppendLine($"Host {host.Name}");
            config.AppendLine($"    HostName {host.Address}");
            config.AppendLine($"    Port {host.Port}");
        }

        config.AppendLine("Host *");
        config.AppendLine("    User root");
        config.AppendLine($"    IdentityFile \"{lab.ClientKey}\"");
        config.AppendLine("    IdentitiesOnly yes");
        config.AppendLine($"    UserKnownHostsFile \"{lab.KnownHosts}\"");
        config.AppendLine("    GlobalKnownHostsFile /dev/null");
        config.AppendLine("    StrictHostKeyChecking yes");
        return config.ToString();
    }

    private static async Task ReplaceAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
