using System.Collections.Immutable;
using Coordinator.Iis;
using Coordinator.Inventory.Yaml;

namespace Coordinator.Inventory.Reading;

/// <summary>
/// Turns host drafts into <see cref="InventoryHost"/>s, each setting taken from the host, else the inventory's
/// defaults, else <see cref="BuiltInDefaults"/>; then runs the checks that need the merged view or every host.
/// </summary>
internal sealed class HostResolver(InventoryErrorList errors, LocalPaths paths)
{
    public ImmutableArray<InventoryHost> Resolve(IReadOnlyList<HostDraft> drafts, HostLayer defaults)
    {
        ReportDuplicateNames(drafts);
        var resolved = new List<(HostDraft Draft, InventoryHost Host)>();
        foreach (var draft in drafts)
        {
            if (draft is { Name: { } name, Address: { } address, Os: { } os } &&
                ResolveHost(draft, name, address, os, defaults) is { } host)
            {
                resolved.Add((draft, host));
            }
        }

        var reported = ReportSharedEndpoints(resolved, "the same address and SSH port", h => $"{h.Address.ToLowerInvariant()}:{h.Ssh.Port}");
        // A copied host usually repeats both; one message per mistake is enough.
        ReportSharedEndpoints([.. resolved.Where(r => !reported.Contains(r.Draft))], "the same Tentacle URI", h => h.ListeningUri.ToString());
        return [.. resolved.Select(r => r.Host)];
    }

    private InventoryHost? ResolveHost(HostDraft draft, string name, string address, HostOs os, HostLayer defaults)
    {
        var own = draft.Settings;
        var identity = own.Ssh.IdentityFile ?? defaults.Ssh.IdentityFile;
        if (identity is null)
        {
            errors.Add(draft.Section.At, $"host '{name}' has no SSH key: add ssh.identity to the host or to defaults.ssh");
        }

        var policy = own.Ssh.HostKeyPolicy ?? defaults.Ssh.HostKeyPolicy;
        var knownHosts = own.Ssh.KnownHostsFile ?? defaults.Ssh.KnownHostsFile;
        var knownHostsFile = knownHosts?.Value ?? paths.Resolve(BuiltInDefaults.KnownHostsFile);
        CheckKnownHosts(draft, policy, knownHosts, knownHostsFile);

        var ssh = new SshSettings(
            own.Ssh.User ?? defaults.Ssh.User ?? BuiltInDefaults.SshUser,
            own.Ssh.Port ?? defaults.Ssh.Port ?? BuiltInDefaults.SshPort,
            identity ?? "",
            policy?.Value ?? BuiltInDefaults.SshHostKeyPolicy,
            knownHostsFile,
            own.Ssh.CommandTimeout ?? defaults.Ssh.CommandTimeout ?? BuiltInDefaults.CommandTimeout);

        var instance = own.Tentacle.Instance ?? defaults.Tentacle.Instance ?? BuiltInDefaults.TentacleInstance;
        var directories = BuiltInDefaults.Directories(os, instance, os == HostOs.Linux
            ? own.Tentacle.Linux.Over(defaults.Tentacle.Linux)
            : own.Tentacle.Windows.Over(defaults.Tentacle.Windows));
        var tentacle = new TentacleSettings(
            instance,
            own.Tentacle.ListenPort ?? defaults.Tentacle.ListenPort ?? BuiltInDefaults.TentacleListenPort,
            own.Tentacle.ListenAddress ?? defaults.Tentacle.ListenAddress ?? BuiltInDefaults.TentacleListenAddress,
            os == HostOs.Linux
                ? own.Tentacle.LinuxInstaller ?? defaults.Tentacle.LinuxInstaller
                : own.Tentacle.WindowsInstaller ?? defaults.Tentacle.WindowsInstaller,
            directories.InstallDirectory!,
            directories.ConfigurationFile!,
            directories.HomeDirectory!,
            directories.ApplicationDirectory!,
            os);

        var iis = ResolveIis(draft, name, os, defaults.Iis);
        return identity is null
            ? null
            : new InventoryHost(
                name,
                address,
                os,
                draft.Environment,
                own.Roles ?? defaults.Roles ?? [],
                own.Tenants ?? defaults.Tenants ?? [],
                own.MachinePolicy ?? defaults.MachinePolicy ?? BuiltInDefaults.MachinePolicy,
                ssh,
                tentacle,
                iis);
    }

    private IisSettings ResolveIis(HostDraft draft, string name, HostOs os, IisLayer defaults)
    {
        var own = draft.Settings.Iis;
        var baseline = own.Baseline ?? defaults.Baseline;
        if (os == HostOs.Linux && baseline is { Value.IsEmpty: false })
        {
            if (own.Baseline is not null)
            {
                errors.Add(baseline.At, $"{baseline.Field} is an IIS baseline on a Linux host: remove it, or change the host's os to windows");
            }
            else
            {
                errors.Add(draft.Section.At, $"host '{name}' gets an IIS baseline on a Linux host from {baseline.Field} (line {baseline.At.Line}): " +
                                             "write iis: { baseline: [] } in the host, or move the baseline to the Windows hosts");
            }
        }

        return new IisSettings(
            new IisMutex(
                own.MutexName ?? defaults.MutexName ?? IisMutex.DefaultName,
                own.MutexTimeout ?? defaults.MutexTimeout ?? IisMutex.DefaultTimeout),
            baseline?.Value ?? []);
    }

    /// <summary>
    /// Strict checking needs the known-hosts file to exist; accept-new creates it, so only its directory must
    /// exist; off never reads it. The policy and the path may come from different levels, hence the merged check.
    /// </summary>
    private void CheckKnownHosts(HostDraft draft, Declared<HostKeyPolicy>? policy, Declared<string>? knownHosts, string path)
    {
        var effective = policy?.Value ?? BuiltInDefaults.SshHostKeyPolicy;
        if (effective == HostKeyPolicy.Off)
        {
            return;
        }

        // Point at the line the operator should change: the file if one was written, else the policy that needs it.
        var at = knownHosts?.At ?? policy?.At ?? draft.Section.At;
        var subject = knownHosts?.Field ?? "the default known-hosts file";
        if (File.Exists(path) || Directory.Exists(path))
        {
            if (LocalPaths.ProblemReading(path) is { } problem)
            {
                errors.Add(at, $"{subject} {problem}");
            }

            return;
        }

        if (effective == HostKeyPolicy.Strict)
        {
            errors.Add(at, $"{subject} names a file that does not exist: {path}; host-key-policy strict needs it — " +
                           "create it (for example with ssh-keyscan), or use host-key-policy accept-new to record host keys on first contact");
            return;
        }

        var directory = Path.GetDirectoryName(path);
        if (directory is not null && !Directory.Exists(directory))
        {
            errors.Add(at, $"{subject} cannot be created: its directory does not exist: {directory}");
        }
    }

    private void ReportDuplicateNames(IReadOnlyList<HostDraft> drafts)
    {
        var first = new Dictionary<string, HostDraft>(StringComparer.OrdinalIgnoreCase);
        foreach (var draft in drafts.Where(d => d.Name is not null))
        {
            if (first.TryGetValue(draft.Name!, out var earlier))
            {
                errors.Add(draft.NameAt, $"host name '{draft.Name}' is already used at line {earlier.NameAt.Line}: " +
                                         "host names must be unique across the inventory (ignoring case)");
            }
            else
            {
                first.Add(draft.Name!, draft);
            }
        }
    }

    /// <returns>The hosts reported.</returns>
    private HashSet<HostDraft> ReportSharedEndpoints(
        List<(HostDraft Draft, InventoryHost Host)> hosts, string what, Func<InventoryHost, string> endpoint)
    {
        var reported = new HashSet<HostDraft>(ReferenceEqualityComparer.Instance);
        var first = new Dictionary<string, (HostDraft Draft, InventoryHost Host)>(StringComparer.Ordinal);
        foreach (var entry in hosts)
        {
            var key = endpoint(entry.Host);
            if (first.TryGetValue(key, out var earlier))
            {
                errors.Add(entry.Draft.AddressAt, $"host '{entry.Host.Name}' has {what} as host '{earlier.Host.Name}' " +
                                                  $"(line {earlier.Draft.AddressAt.Line}): {key}");
                reported.Add(entry.Draft);
            }
            else
            {
                first.Add(key, entry);
            }
        }

        return reported;
    }
}
