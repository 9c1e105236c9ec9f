namespace Coordinator.Lab;

/// <summary>The files of one host in its state directory.</summary>
internal sealed class HostLayout(string directory)
{
    public const string HostKeyPath = "/etc/ssh/ssh_host_ed25519_key";

    public string Directory { get; } = directory;

    /// <summary>The host's own directories and files, each mounted over the real path of the same name.</summary>
    public string Filesystem => Path.Combine(Directory, "fs");

    public string BootScript => Path.Combine(Directory, "boot.sh");

    /// <summary>What the boot script and sshd print: the first place to look when a host misbehaves.</summary>
    public string ConsoleLog => Path.Combine(Directory, "console.log");

    public string HostPublicKey => OnDisk(HostKeyPath + ".pub");

    public string OnDisk(string pathOnHost) => Path.Combine(Filesystem, pathOnHost.TrimStart('/'));
}
