using System.IO.Compression;
using System.Text.Json;

namespace MsiexecDouble;

/// <summary>What msi-properties.json inside a lab MSI says about its product.</summary>
internal sealed record MsiProductProperties(string ProductName, string ProductVersion, int InstallDelayMs);

/// <summary>
/// A lab MSI: a ZIP archive of the files to install, relative to INSTALLLOCATION, plus msi-properties.json.
/// </summary>
internal sealed class MsiPackage : IDisposable
{
    public const string PropertiesEntry = "msi-properties.json";

    private readonly ZipArchive _archive;

    private MsiPackage(ZipArchive archive, MsiProductProperties properties)
    {
        _archive = archive;
        Properties = properties;
    }

    public MsiProductProperties Properties { get; }

    /// <summary>The package, or null when it cannot be opened as one (msiexec's 1619).</summary>
    public static MsiPackage? Open(string path)
    {
        if (!File.Exists(path)) return null;
        ZipArchive? archive = null;
        try
        {
            archive = ZipFile.OpenRead(path);
            var entry = archive.GetEntry(PropertiesEntry);
            if (entry is null)
            {
                archive.Dispose();
                return null;
            }
            using var stream = entry.Open();
            var properties = JsonSerializer.Deserialize<MsiProductProperties>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
            if (properties is null || string.IsNullOrEmpty(properties.ProductName) || string.IsNullOrEmpty(properties.ProductVersion))
            {
                archive.Dispose();
                return null;
            }
            return new MsiPackage(archive, properties);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or UnauthorizedAccessException)
        {
            archive?.Dispose();
            return null;
        }
    }

    /// <summary>Lays the files down under <paramref name="directory"/> and returns their relative paths.</summary>
    public IReadOnlyList<string> ExtractTo(string directory)
    {
        var root = Path.GetFullPath(directory).TrimEnd('/');
        var written = new List<string>();
        foreach (var entry in _archive.Entries)
        {
            if (entry.FullName == PropertiesEntry || entry.FullName.EndsWith('/')) continue;
            var relative = entry.FullName.Replace('\\', '/');
            var target = Path.GetFullPath(Path.Combine(root, relative));
            if (!target.StartsWith(root + "/", StringComparison.Ordinal))
                throw new InvalidDataException($"Entry '{entry.FullName}' would be installed outside {root}.");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: true);
            if (IsLauncher(entry) && !OperatingSystem.IsWindows()) File.SetUnixFileMode(target, File.GetUnixFileMode(target) | Executable);
            written.Add(relative);
        }
        return written;
    }

    public void Dispose() => _archive.Dispose();

    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                                            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    // *.exe are the launchers a Windows script runs; the archive's own Unix mode bits count as well.
    private static bool IsLauncher(ZipArchiveEntry entry) =>
        entry.Name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
        || ((entry.ExternalAttributes >> 16) & 0b001_001_001) != 0;
}
