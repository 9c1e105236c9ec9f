using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Tentacle.Double.Commands;
using Tentacle.Double.Lab;

namespace Tentacle.Double.Packaging;

internal sealed record LabArtifacts(string Tarball, string Msi);

/// <summary>
/// Builds the lab's Tentacle installers from the double's own published files:
/// <c>tentacle-&lt;v&gt;-net8.0-linux-x64.tar.gz</c> (root folder <c>tentacle/</c>, launcher <c>tentacle/Tentacle</c>,
/// install delay in <c>tentacle/.install-delay-ms</c>) and the MSI stand-in <c>Octopus.Tentacle.&lt;v&gt;-x64.msi</c>
/// (a ZIP of the files for INSTALLLOCATION, launcher <c>Tentacle.exe</c>, and <c>msi-properties.json</c>).
/// </summary>
internal sealed class ArtifactBuilder(string publishedDirectory)
{
    public static string TarballName => $"tentacle-{TentacleVersion.Number}-net8.0-linux-x64.tar.gz";
    public static string MsiName => $"Octopus.Tentacle.{TentacleVersion.Number}-x64.msi";
    public const string MsiPropertiesEntry = "msi-properties.json";

    const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    const UnixFileMode Executable = Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    static readonly HashSet<string> NotShipped =
        ["Tentacle", "Tentacle.exe", InstallDelay.DelayFileName, InstallDelay.DoneMarkerName];

    public LabArtifacts Build(string outputDirectory, int installDelayMilliseconds)
    {
        Directory.CreateDirectory(outputDirectory);
        var files = PublishedFiles(Path.GetFullPath(outputDirectory));
        var tarball = Path.Combine(outputDirectory, TarballName);
        var msi = Path.Combine(outputDirectory, MsiName);
        WriteTarball(tarball, files, installDelayMilliseconds);
        WriteMsi(msi, files, installDelayMilliseconds);
        return new LabArtifacts(tarball, msi);
    }

    IReadOnlyList<(string Source, string RelativePath)> PublishedFiles(string outputDirectory) =>
        Directory.EnumerateFiles(publishedDirectory, "*", SearchOption.AllDirectories)
            .Where(file => !Path.GetFullPath(file).StartsWith(outputDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(file => (file, Path.GetRelativePath(publishedDirectory, file).Replace('\\', '/')))
            .Where(file => !NotShipped.Contains(file.Item2))
            .OrderBy(file => file.Item2, StringComparer.Ordinal)
            .ToList();

    static void WriteTarball(string path, IReadOnlyList<(string Source, string RelativePath)> files, int installDelay)
    {
        using var output = File.Create(path);
        using var gzip = new GZipStream(output, CompressionLevel.Optimal);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar);

        var directories = files.Select(f => Path.GetDirectoryName(f.RelativePath)!.Replace('\\', '/'))
            .Where(d => d.Length > 0).Distinct().Order(StringComparer.Ordinal);
        tar.WriteEntry(DirectoryEntry("tentacle/"));
        foreach (var directory in directories)
            tar.WriteEntry(DirectoryEntry($"tentacle/{directory}/"));

        foreach (var (source, relativePath) in files)
            tar.WriteEntry(FileEntry($"tentacle/{relativePath}", File.ReadAllBytes(source), Readable));
        tar.WriteEntry(FileEntry("tentacle/Tentacle", Encoding.UTF8.GetBytes(Launchers.Linux), Executable));
        tar.WriteEntry(FileEntry($"tentacle/{InstallDelay.DelayFileName}", Encoding.ASCII.GetBytes(installDelay.ToString(System.Globalization.CultureInfo.InvariantCulture)), Readable));
    }

    static UstarTarEntry DirectoryEntry(string name) => new(TarEntryType.Directory, name)
    {
        Mode = Executable,
        ModificationTime = DateTimeOffset.UtcNow,
    };

    static UstarTarEntry FileEntry(string name, byte[] content, UnixFileMode mode) => new(TarEntryType.RegularFile, name)
    {
        Mode = mode,
        ModificationTime = DateTimeOffset.UtcNow,
        DataStream = new MemoryStream(content),
    };

    static void WriteMsi(string path, IReadOnlyList<(string Source, string RelativePath)> files, int installDelay)
    {
        // A rebuilt artifact replaces the old one, as a real build's output would.
        File.Delete(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (source, relativePath) in files)
            AddEntry(zip, relativePath, File.ReadAllBytes(source), Readable);
        AddEntry(zip, "Tentacle.exe", Encoding.UTF8.GetBytes(Launchers.Windows), Executable);
        var properties = JsonSerializer.Serialize(new
        {
            ProductName = "Octopus Deploy Tentacle",
            ProductVersion = TentacleVersion.Number,
            InstallDelayMs = installDelay,
        });
        AddEntry(zip, MsiPropertiesEntry, Encoding.UTF8.GetBytes(properties), Readable);
    }

    static void AddEntry(ZipArchive zip, string name, byte[] content, UnixFileMode mode)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        // Unix permissions travel in the high 16 bits (with the regular-file type bit) so extraction keeps +x.
        entry.ExternalAttributes = unchecked((int)((0x8000u | (uint)mode) << 16));
        using var stream = entry.Open();
        stream.Write(content);
    }
}
