using System.Security.Cryptography;

namespace Coordinator.Lab;

/// <summary>
/// Builds a host's files from nothing, as a fresh VM would come up: its own host key and machine id,
/// root authorised for the lab's client key, the flavour's image, empty Tentacle directories.
/// </summary>
internal static class HostProvisioner
{
    public static async Task ProvisionAsync(HostSpec host, HostLayout layout, LabDirectory lab, CancellationToken cancellationToken)
    {
        if (Directory.Exists(layout.Directory))
        {
            Directory.Delete(layout.Directory, recursive: true);
        }

        foreach (var mount in PrivateMounts.Of(host.Flavour).Where(mount => !mount.IsFile))
        {
            var directory = layout.OnDisk(mount.PathOnHost);
            Directory.CreateDirectory(directory);
            File.SetUnixFileMode(directory, mount.Mode);
        }

        await WriteAsync(layout.OnDisk("/etc/machine-id"), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "\n", FileModes.ReadOnly, cancellationToken);
        await WriteAsync(layout.OnDisk("/etc/hosts"), await HostsFileAsync(host, cancellationToken), FileModes.Readable, cancellationToken);
        await SshKeys.GenerateAsync(layout.OnDisk(HostLayout.HostKeyPath), $"root@{host.Name}", cancellationToken);
        await WriteAsync(layout.OnDisk("/etc/ssh/sshd_config"), SshdConfig.Render(host), FileModes.Readable, cancellationToken);

        // sshd's StrictModes wants ~/.ssh and the key file private to root.
        var sshDirectory = layout.OnDisk("/root/.ssh");
        Directory.CreateDirectory(sshDirectory);
        File.SetUnixFileMode(sshDirectory, FileModes.PrivateDirectory);
        await WriteAsync(Path.Combine(sshDirectory, "authorized_keys"), await File.ReadAllTextAsync(lab.ClientPublicKey, cancellationToken), FileModes.OwnerOnly, cancellationToken);

        HostImages.CopyInto(lab, host.Flavour, layout.Filesystem);
        await WriteAsync(layout.BootScript, BootScript.Render(host, layout, ToolMount.MountCommands(lab)), FileModes.Executable, cancellationToken);
    }

    /// <summary>The machine's hosts file plus the host's own name, so looking up its hostname is instant.</summary>
    private static async Task<string> HostsFileAsync(HostSpec host, CancellationToken cancellationToken)
    {
        var machine = File.Exists("/etc/hosts") ? await File.ReadAllTextAsync("/etc/hosts", cancellationToken) : "127.0.0.1 localhost\n";
        return $"{machine.TrimEnd('\n')}\n{host.Address} {host.Name}\n";
    }

    private static async Task WriteAsync(string path, string content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path, content, cancellationToken);
        File.SetUnixFileMode(path, mode);
    }
}
