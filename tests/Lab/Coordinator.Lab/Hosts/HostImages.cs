namespace Coordinator.Lab;

/// <summary>
/// The image of each flavour: a directory tree, mirroring the paths a host sees, copied into every
/// fresh host. It is written once when a lab starts, so a host recreated later (even by another
/// process, through <c>lab recreate</c>) gets the same files.
/// </summary>
internal static class HostImages
{
    private static readonly string[] StandIns = ["sudo", "systemctl"];

    private static readonly string[] DriveCSkeleton = [@"C:\Windows\System32", @"C:\Windows\Temp", @"C:\Program Files", @"C:\ProgramData"];

    public static async Task WriteAsync(LabDirectory lab, LabHostFlavour flavour, IReadOnlyList<LabHostFile> files, CancellationToken cancellationToken)
    {
        var root = lab.ImageDirectory(flavour);
        Directory.CreateDirectory(root);
        if (flavour == LabHostFlavour.Linux)
        {
            foreach (var name in StandIns)
            {
                await WriteStandInAsync(name, Path.Combine(root, LabPaths.StandIn(name).TrimStart('/')), cancellationToken);
            }
        }
        else
        {
            foreach (var directory in DriveCSkeleton)
            {
                Directory.CreateDirectory(Path.Combine(root, LabPaths.OnDriveC(directory).TrimStart('/')));
            }
        }

        foreach (var file in files)
        {
            await file.WriteAsync(Path.Combine(root, file.PathOnHost.TrimStart('/')), cancellationToken);
        }
    }

    public static void CopyInto(LabDirectory lab, LabHostFlavour flavour, string hostFilesystem) =>
        DirectoryTree.Copy(new DirectoryInfo(lab.ImageDirectory(flavour)), hostFilesystem);

    /// <summary>Image files may only go where a host has its own copy of the file system.</summary>
    public static void Validate(LabHostFlavour flavour, IEnumerable<LabHostFile> files)
    {
        foreach (var file in files)
        {
            EnsureOnPrivateMount(flavour, file.PathOnHost);
        }
    }

    private static void EnsureOnPrivateMount(LabHostFlavour flavour, string pathOnHost)
    {
        var mount = PrivateMounts.Containing(flavour, pathOnHost);
        if (mount is null || mount.IsFile || mount.PathOnHost == pathOnHost || pathOnHost.Split('/').Contains(".."))
        {
            var directories = PrivateMounts.Of(flavour).Where(candidate => !candidate.IsFile).Select(candidate => candidate.PathOnHost);
            throw new ArgumentException(
                $"'{pathOnHost}' is not a file in one of a {LabEnvironment.FlavourValue(flavour)} host's own directories " +
                $"({string.Join(", ", directories)}); anywhere else it would land on the real machine, shared by every host.");
        }
    }

    private static async Task WriteStandInAsync(string name, string destination, CancellationToken cancellationToken)
    {
        await using var script = typeof(HostImages).Assembly.GetManifestResourceStream($"StandIns.{name}")
            ?? throw new InvalidOperationException($"The {name} stand-in is missing from {typeof(HostImages).Assembly.GetName().Name}.");
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        await using (var target = File.Create(destination))
        {
            await script.CopyToAsync(target, cancellationToken);
        }

        File.SetUnixFileMode(destination, FileModes.Executable);
    }
}
