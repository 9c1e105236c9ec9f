using System.Runtime.InteropServices;

namespace Coordinator.Certificates;

/// <summary>
/// Finds the key that seals retained certificates: the environment variable <see cref="EnvironmentVariable"/> if it
/// is set, otherwise the key file <c>&lt;data-dir&gt;/keys/certificates.key</c>, created on first run. Losing the
/// key loses every host's retained identity, so the file is never replaced once it exists.
/// </summary>
public static class CertificateKeyStore
{
    public const string EnvironmentVariable = "COORD_CERTIFICATE_KEY";

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static string KeyFilePath(string dataDirectory) => Path.Combine(dataDirectory, "keys", "certificates.key");

    /// <param name="dataDirectory">The coordinator's data directory.</param>
    /// <param name="readEnvironment">Reads an environment variable; the process environment when null.</param>
    /// <exception cref="CertificateException">The configured key is malformed, or the key file is exposed.</exception>
    public static async Task<CertificateKey> LoadOrCreateAsync(
        string dataDirectory, Func<string, string?>? readEnvironment = null, CancellationToken cancellationToken = default)
    {
        // A variable that is set but empty is a mistake (a failed substitution); falling back to the key file
        // would silently seal with a different key.
        var fromEnvironment = (readEnvironment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        if (fromEnvironment is not null)
        {
            return CertificateKey.FromBase64(fromEnvironment, $"environment variable {EnvironmentVariable}");
        }

        var path = KeyFilePath(dataDirectory);
        return File.Exists(path)
            ? await ReadKeyFileAsync(path, cancellationToken)
            : await CreateKeyFileAsync(path, cancellationToken);
    }

    private static async Task<CertificateKey> ReadKeyFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOthers) != 0)
            {
                throw new CertificateException(CertificateProblem.KeyFileExposed,
                    $"The certificate key file {path} is accessible to other users (mode {Octal(mode)}); " +
                    $"it must be readable by its owner only. Fix it with: chmod 600 {path}");
            }
        }

        return CertificateKey.FromBase64(await File.ReadAllTextAsync(path, cancellationToken), $"key file {path}");
    }

    /// <summary>
    /// Writes a new key to a temp file that is created with mode 0600 (never readable by others, not even for a
    /// moment), then publishes it under its final name without overwriting: if another process created the key
    /// first, its key wins and is the one returned, so two processes never go on with different keys.
    /// </summary>
    private static async Task<CertificateKey> CreateKeyFileAsync(string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }

        var key = CertificateKey.Generate($"key file {path}");
        var temporary = Path.Combine(directory, $".certificates.key.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFile;
            }

            await using (var stream = new FileStream(temporary, options))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteLineAsync(key.ToBase64().AsMemory(), cancellationToken);
                await writer.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            return TryPublish(temporary, path) ? key : await ReadKeyFileAsync(path, cancellationToken);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>False when <paramref name="path"/> already exists; it is never replaced.</summary>
    internal static bool TryPublish(string temporary, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                // MoveFileEx without MOVEFILE_REPLACE_EXISTING: atomic and refuses an existing target.
                File.Move(temporary, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }

        // On Unix, File.Move checks for the target and then renames, which a concurrent creator can slip between;
        // link(2) creates the name atomically and fails if it exists.
        if (LibC.Link(temporary, path) == 0)
        {
            return true;
        }

        if (File.Exists(path))
        {
            return false;
        }

        throw new IOException($"Could not create the certificate key file {path}.");
    }

    private static class LibC
    {
        [DllImport("libc", EntryPoint = "link")]
        public static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string created);
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');
}
