using System.Text;

namespace Coordinator.Lab;

/// <summary>
/// The script a host boots with. unshare runs it as pid 1 of the host's own mount, UTS and pid
/// namespaces; it names the host, mounts the host's own files over the real paths, starts enabled
/// units and becomes sshd. Its mounts exist in that namespace only and vanish with its last process.
/// </summary>
internal static class BootScript
{
    public static string Render(HostSpec host, HostLayout layout, IReadOnlyList<string> toolMountCommands)
    {
        var script = new StringBuilder();
        script.Append($"""
            #!/bin/sh
            # Boots lab host {host.Name}; written by Coordinator.Lab, see tests/README.md.
            set -eu
            hostname {ShellQuoting.Quote(host.Name)}

            """);

        // A mount over a directory that holds the lab's files would hide the sources of the mounts
        // after it (a lab under /tmp is the usual case), so such a mount goes last. The tools come
        // first: they are the lab's files too, and nothing is mounted over their mount point.
        var mounts = PrivateMounts.Of(host.Flavour)
            .Select(mount => (Target: mount.PathOnHost, Command: $"mount --bind {ShellQuoting.Quote(layout.OnDisk(mount.PathOnHost))} {ShellQuoting.Quote(mount.PathOnHost)}"))
            .Append((Target: "/run", Command: "mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run"))
            .OrderBy(mount => IsWithin(layout.Directory, mount.Target));
        foreach (var command in toolMountCommands.Concat(mounts.Select(mount => mount.Command)))
        {
            script.AppendLine(command);
        }

        script.AppendLine("mkdir -m 0755 /run/sshd");
        script.AppendLine("mkdir -m 1777 /run/lock");
        script.AppendLine("export " + string.Join(' ', SshdConfig.EnvironmentOf(host).Select(variable => $"{variable.Key}={ShellQuoting.Quote(variable.Value)}")));
        if (host.Flavour == LabHostFlavour.Linux)
        {
            script.Append("""
                # Like a machine booting, start the units `systemctl enable` enabled.
                for unit in /etc/systemd/system/multi-user.target.wants/*.service; do
                    [ -e "$unit" ] || continue
                    systemctl start "${unit##*/}" || echo "boot: ${unit##*/} did not start"
                done

                """);
        }

        script.AppendLine("exec /usr/sbin/sshd -D -e");
        return script.ToString();
    }

    private static bool IsWithin(string path, string directory) =>
        path.StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal);
}
