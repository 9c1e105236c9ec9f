using System.Security.Cryptography;

namespace Coordinator.Benchmarks.Fleet;

/// <summary>
/// A fresh temporary directory for one benchmark: the coordinator's data directory (its SQLite journal and
/// certificate key), the Octopus API key file (0600) and the local files the host's preflight opens.
/// Deleted when disposed, unless kept for inspection.
/// </summary>
public sealed class BenchmarkWorkspace : IDisposable
{
    /// <summary>Named as Tentacle names its Linux tarball: the version in the name is what the coordinator installs.</summary>
    public const string InstallerName = "tentacle-8.3.2971-net8.0-linux-x64.tar.gz";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private BenchmarkWorkspace(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string ApiKeyFile => Path.Combine(Root, "octopus-api-key");

    public string InstallerFile => Path.Combine(Root, InstallerName);

    /// <summary>Opened by the preflight, never used: the simulated transport logs in to nothing.</summary>
    public string IdentityFile => Path.Combine(Root, "id_ed25519");

    /// <summary>Named like an inventory's default; under accept-new it need not exist.</summary>
    public string KnownHostsFile => Path.Combine(Root, "known_hosts");

    public string SqliteDatabase => Path.Combine(DataDirectory, "coordinator.db");

    /// <summary>Keep the directory (journal, logs) after the run and say where it is.</summary>
    public bool Keep { get; set; }

    public static async Task<BenchmarkWorkspace> CreateAsync(string apiKey, CancellationToken cancellationToken)
    {
        var workspace = new BenchmarkWorkspace(Directory.CreateTempSubdirectory("coordinator-bench-").FullName);
        Directory.CreateDirectory(workspace.DataDirectory);
        await WriteOwnerOnlyAsync(workspace.ApiKeyFile, System.Text.Encoding.UTF8.GetBytes(apiKey + "\n"), cancellationToken);
        await WriteOwnerOnlyAsync(workspace.IdentityFile, "not a key: the simulated hosts need no login\n"u8.ToArray(), cancellationToken);
        // Some bytes for the install step to read and "upload"; about the size of nothing, so reading it stays cheap.
        await File.WriteAllBytesAsync(workspace.InstallerFile, RandomNumberGenerator.GetBytes(64 * 1024), cancellationToken);
        return workspace;
    }

    public void Dispose()
    {
        if (!Keep)
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    // Created 0600, never readable by others even for a moment.
    private static async Task WriteOwnerOnlyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly };
        await using var file = new FileStream(path, options);
        await file.WriteAsync(content, cancellationToken);
    }
}
