using System.Text;

namespace Coordinator.Lab;

/// <summary>
/// A coordinator inventory for lab hosts: key authentication with the lab's client key, host keys checked
/// against the lab's known_hosts, the Tentacle double's installers, and each Tentacle listening on its host's
/// own address (lab hosts share one network, so "every interface" would collide).
/// </summary>
public static class LabInventory
{
    /// <param name="apiKeyReference"><c>env:NAME</c> or <c>file:PATH</c>: where the coordinator host reads the API key.</param>
    /// <param name="hostKeyPolicy"><c>strict</c> checks the lab's known_hosts; <c>accept-new</c> lets the coordinator record keys.</param>
    /// <param name="windowsIis">An <c>iis:</c> section in YAML flow style (<c>{ baseline: [...] }</c>) for every Windows-flavoured host, or null.</param>
    public static string Yaml(
        LabFixture lab, IEnumerable<LabHost> hosts, Uri octopusUrl, string apiKeyReference, TentacleInstallers installers, string environment,
        string hostKeyPolicy = "strict", string? windowsIis = null)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("octopus:");
        yaml.AppendLine($"  url: {octopusUrl}");
        yaml.AppendLine($"  api-key: {apiKeyReference}");
        yaml.AppendLine("defaults:");
        yaml.AppendLine("  ssh:");
        yaml.AppendLine("    user: root");
        yaml.AppendLine($"    identity: {lab.ClientKeyPath}");
        yaml.AppendLine($"    host-key-policy: {hostKeyPolicy}");
        yaml.AppendLine($"    known-hosts: {lab.KnownHostsPath}");
        yaml.AppendLine("    command-timeout: 2m");
        yaml.AppendLine("  roles: [web-server]");
        yaml.AppendLine("  tentacle:");
        yaml.AppendLine("    installers:");
        yaml.AppendLine($"      linux: {installers.Tarball}");
        yaml.AppendLine($"      windows: {installers.Msi}");
        yaml.AppendLine("environments:");
        yaml.AppendLine($"  {environment}:");
        yaml.AppendLine("    hosts:");
        foreach (var host in hosts)
        {
            var windows = host.Flavour == LabHostFlavour.Windows;
            var iis = windows && windowsIis is not null ? $", iis: {windowsIis}" : "";
            yaml.AppendLine(
                $"      - {{ name: {host.Name}, address: {host.Address}, os: {(windows ? "windows" : "linux")}, ssh: {{ port: {host.Port} }}, tentacle: {{ listen-address: {host.Address} }}{iis} }}");
        }

        return yaml.ToString();
    }

    /// <summary>
    /// What a coordinator host needs to reach lab hosts: the Windows-flavoured hosts keep C: in /windows/c, and
    /// health checks against the Octopus Server double finish in moments, so they are polled often.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> CoordinatorEnvironment { get; } = new Dictionary<string, string?>
    {
        ["COORD_WINDOWS_SFTP_DRIVE_ROOTS"] = "C=/windows/c",
        ["COORD_OCTOPUS_TASK_POLL_INTERVAL"] = "200ms",
        ["COORD_STEP_TIMEOUT"] = "3m",
    };
}
