namespace Coordinator.Lab;

/// <summary>A path a host sees its own copy of: the host's file is bind-mounted over the real one.</summary>
internal sealed record PrivateMount(string PathOnHost, UnixFileMode Mode, bool IsFile = false)
{
    public bool Contains(string pathOnHost) =>
        pathOnHost == PathOnHost || (!IsFile && pathOnHost.StartsWith(PathOnHost + "/", StringComparison.Ordinal));
}

/// <summary>Which paths each flavour of host has to itself. Everything else is the real machine's, read-write.</summary>
internal static class PrivateMounts
{
    private static readonly PrivateMount[] Common =
    [
        new("/etc/ssh", FileModes.Directory),
        new("/etc/octopus", FileModes.Directory),
        new("/etc/systemd/system", FileModes.Directory),
        new("/opt/octopus", FileModes.Directory),
        new("/home/Octopus", FileModes.Directory),
        new("/root", FileModes.PrivateDirectory),
        new(LabPaths.StandIns, FileModes.Directory),
        new("/var/log", FileModes.Directory),

        // .NET keeps named mutexes and other shared state under /tmp: hosts must not share one.
        new("/var/tmp", FileModes.SharedTemporary),
        new("/tmp", FileModes.SharedTemporary),
        new("/etc/hosts", FileModes.Readable, IsFile: true),
        new("/etc/machine-id", FileModes.ReadOnly, IsFile: true),
    ];

    private static readonly PrivateMount[] Windows = [.. Common, new(LabPaths.DriveC, FileModes.Directory)];

    public static IReadOnlyList<PrivateMount> Of(LabHostFlavour flavour) => flavour == LabHostFlavour.Windows ? Windows : Common;

    public static PrivateMount? Containing(LabHostFlavour flavour, string pathOnHost) =>
        Of(flavour).FirstOrDefault(mount => mount.Contains(pathOnHost));

    /// <summary>
    /// A bind mount needs something to mount over. Paths only lab hosts use (/opt/octopus, /windows/c)
    /// are created empty on the real machine, which is the one trace a lab leaves there.
    /// </summary>
    public static void EnsureMountPointsExist(LabHostFlavour flavour)
    {
        foreach (var mount in Of(flavour))
        {
            if (!mount.IsFile)
            {
                Directory.CreateDirectory(mount.PathOnHost);
            }
            else if (!File.Exists(mount.PathOnHost))
            {
                File.WriteAllBytes(mount.PathOnHost, []);
            }
        }
    }
}
