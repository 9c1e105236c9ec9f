namespace Coordinator.Lab;

/// <summary>The sshd_config of a lab host: root logs in with the lab's client key, nothing else.</summary>
internal static class SshdConfig
{
    /// <summary>root's PATH as Debian's sshd and /etc/profile set it; written down so stand-ins come first on any distribution.</summary>
    public const string RootPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static string Render(HostSpec host) => $"""
        # sshd of lab host {host.Name}, written by Coordinator.Lab.
        ListenAddress {host.Address}:{host.Port}
        HostKey {HostLayout.HostKeyPath}
        PidFile none
        PermitRootLogin prohibit-password
        PubkeyAuthentication yes
        AuthorizedKeysFile .ssh/authorized_keys
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        UsePAM no
        UseDNS no
        PrintMotd no
        PrintLastLog no
        # The coordinator opens many sessions at once; the defaults (10 unauthenticated connections,
        # 10 sessions per connection) would turn some away.
        MaxStartups 100:30:200
        MaxSessions 100
        Subsystem sftp internal-sftp
        SetEnv {string.Join(' ', EnvironmentOf(host).Select(variable => $"{variable.Key}={variable.Value}"))}

        """;

    /// <summary>What every session (through SetEnv) and every service (through the boot script) sees.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentOf(HostSpec host)
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = RootPath,
            [LabEnvironment.Flavour] = LabEnvironment.FlavourValue(host.Flavour),
            [LabEnvironment.Address] = host.Address.ToString(),
        };
        if (host.Flavour == LabHostFlavour.Windows)
        {
            environment[LabEnvironment.DriveC] = LabPaths.DriveC;
        }

        return environment;
    }
}
