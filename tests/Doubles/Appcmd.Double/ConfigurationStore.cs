using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Lab.Windows;
using Microsoft.Win32.SafeHandles;

namespace AppcmdDouble;

/// <summary>The configuration as it was read, so a commit can tell whether someone else wrote in between.</summary>
internal sealed record ConfigurationSnapshot(byte[] Bytes, ApplicationHostDocument Document);

/// <summary>
/// applicationHost.config on the lab host's drive C:, written the way IIS does: read, change in memory,
/// commit. The commit delay (env APPCMD_COMMIT_DELAY_MS, else <c>CommitDelayMs</c> in appcmd.lab.json beside
/// the config, else 0) is spent twice: once between reading and committing, and once more while the commit
/// holds an exclusive, non-blocking flock on the file. A writer that finds the lock taken fails with
/// 80070020 (sharing violation); one that finds the file changed since its read fails with "changed on disk".
/// </summary>
internal sealed class ConfigurationStore
{
    public const string WindowsPath = @"C:\Windows\System32\inetsrv\config\applicationHost.config";
    public const string DelayVariable = "APPCMD_COMMIT_DELAY_MS";
    public const string SettingsFileName = "appcmd.lab.json";

    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int WouldBlock = 11;

    private readonly string _file = LabDrive.ToHostPath(WindowsPath);

    public ConfigurationSnapshot Read()
    {
        var bytes = File.Exists(_file) ? File.ReadAllBytes(_file) : [];
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        return new ConfigurationSnapshot(bytes, ApplicationHostDocument.Parse(text, WindowsPath));
    }

    public void Commit(ConfigurationSnapshot snapshot)
    {
        var delay = CommitDelay();
        Thread.Sleep(delay);

        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        using var stream = new FileStream(_file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        if (flock(Descriptor(stream.SafeFileHandle), LockExclusive | LockNonBlocking) != 0)
        {
            if (Marshal.GetLastPInvokeError() == WouldBlock) throw AppcmdError.SharingViolation();
            throw new IOException($"flock failed on {_file}: errno {Marshal.GetLastPInvokeError()}");
        }

        var current = new byte[stream.Length];
        stream.ReadExactly(current);
        if (!current.AsSpan().SequenceEqual(snapshot.Bytes)) throw AppcmdError.ChangedOnDisk();

        Thread.Sleep(delay);
        var updated = snapshot.Document.Serialize();
        stream.SetLength(0);
        stream.Write(updated);
        stream.Flush(flushToDisk: true);
        // Closing the stream releases the lock.
    }

    private TimeSpan CommitDelay()
    {
        var configured = Environment.GetEnvironmentVariable(DelayVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return TimeSpan.FromMilliseconds(int.Parse(configured, CultureInfo.InvariantCulture));
        var settings = Path.Combine(Path.GetDirectoryName(_file)!, SettingsFileName);
        if (!File.Exists(settings)) return TimeSpan.Zero;
        var parsed = JsonSerializer.Deserialize<AppcmdLabSettings>(File.ReadAllText(settings), new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
        return TimeSpan.FromMilliseconds(parsed?.CommitDelayMs ?? 0);
    }

    private static int Descriptor(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    [DllImport("libc", SetLastError = true)]
    private static extern int flock(int fd, int operation);
}

internal sealed record AppcmdLabSettings(int CommitDelayMs);
