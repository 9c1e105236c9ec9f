using System.Collections.Concurrent;
using System.Globalization;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Coordinator.HostAccess;

/// <summary>
/// SFTP uploads and deletes on a host's reused SFTP connection.
/// <para>
/// SSH.NET creates files with the server's default mode (0666 less sshd's umask, so usually 0644) and
/// cannot pass a mode when it creates them. So no file is ever created where others could read it: an
/// upload goes into a fresh staging directory beside the target, made 0700 while still empty, gets its
/// mode there, and is then renamed onto the target (an atomic replace on the same file system).
/// </para>
/// </summary>
internal sealed class FileTransfers(HostEndpoint host, HostAccessOptions options, ReusableConnection<SftpClient> files)
{
    private const string StagingPrefix = ".coordinator-upload-";
    private const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly ConcurrentDictionary<string, bool> _privateDirectories = new(StringComparer.Ordinal);

    /// <summary>The path the host's SFTP server takes for <paramref name="remotePath"/>.</summary>
    public string SftpPathOf(string remotePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(remotePath);
        if (host.Os == HostOs.Windows)
        {
            return options.WindowsPaths.ToSftpPath(remotePath);
        }

        return remotePath.StartsWith('/')
            ? remotePath
            : throw new ArgumentException($"'{remotePath}' is not an absolute path on Linux host {host}.", nameof(remotePath));
    }

    /// <summary>Remembers a private temporary directory, so deleting the file in it deletes the directory too.</summary>
    public void TrackPrivateDirectory(string sftpPath) => _privateDirectories[sftpPath] = true;

    public async Task UploadAsync(Stream content, string remotePath, UnixFileMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var target = SftpPathOf(remotePath);
        var (directory, name) = Split(target, remotePath);
        var origin = content.CanSeek ? content.Position : 0;
        string? previousStaging = null;
        await WithFilesAsync(
            "upload to",
            remotePath,
            retryOnNewConnection: content.CanSeek,
            async sftp =>
            {
                if (previousStaging is not null)
                {
                    await RemoveStagingQuietlyAsync(sftp, previousStaging, name);
                }

                if (content.CanSeek)
                {
                    content.Position = origin;
                }

                previousStaging = Join(directory, StagingPrefix + Guid.NewGuid().ToString("N"));
                await UploadPrivatelyAsync(sftp, content, previousStaging, name, target, mode, cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>Deletes the file if it exists, and its directory if that is a private temporary directory.</summary>
    public Task DeleteAsync(string remotePath, CancellationToken cancellationToken)
    {
        var target = SftpPathOf(remotePath);
        var (directory, _) = Split(target, remotePath);
        return WithFilesAsync(
            "delete",
            remotePath,
            retryOnNewConnection: true,
            async sftp =>
            {
                await DeleteIfPresentAsync(() => sftp.DeleteFileAsync(target, cancellationToken));
                if (_privateDirectories.ContainsKey(directory))
                {
                    await DeleteIfPresentAsync(() => sftp.DeleteDirectoryAsync(directory, cancellationToken));
                    _privateDirectories.TryRemove(directory, out _);
                }
            },
            cancellationToken);
    }

    private async Task UploadPrivatelyAsync(
        SftpClient sftp, Stream content, string staging, string name, string target, UnixFileMode mode, CancellationToken cancellationToken)
    {
        await sftp.CreateDirectoryAsync(staging, cancellationToken);
        try
        {
            var staged = Join(staging, name);
            await OnThreadPool(() => sftp.ChangePermissions(staging, OctalDigits(PrivateDirectoryMode)));
            await sftp.UploadFileAsync(content, staged, cancellationToken);
            await OnThreadPool(() => sftp.ChangePermissions(staged, OctalDigits(mode)));
            await ReplaceAsync(sftp, staged, target, cancellationToken);
        }
        finally
        {
            await RemoveStagingQuietlyAsync(sftp, staging, name);
        }
    }

    /// <summary>posix-rename@openssh.com replaces an existing target atomically; plain SFTP rename refuses to.</summary>
    private static async Task ReplaceAsync(SftpClient sftp, string source, string target, CancellationToken cancellationToken)
    {
        try
        {
            await OnThreadPool(() => sftp.RenameFile(source, target, isPosix: true));
        }
        catch (NotSupportedException)
        {
            await DeleteIfPresentAsync(() => sftp.DeleteFileAsync(target, cancellationToken));
            await sftp.RenameFileAsync(source, target, cancellationToken);
        }
    }

    private async Task RemoveStagingQuietlyAsync(SftpClient sftp, string staging, string name)
    {
        using var limit = new CancellationTokenSource(options.FileRequestTimeout);
        try
        {
            await DeleteIfPresentAsync(() => sftp.DeleteFileAsync(Join(staging, name), limit.Token));
            await DeleteIfPresentAsync(() => sftp.DeleteDirectoryAsync(staging, limit.Token));
        }
        catch (Exception e) when (e is SshException or OperationCanceledException || BrokenConnection.Is(e))
        {
            // Best effort: the directory is 0700, and an upload that failed this way is reported anyway.
        }
    }

    private async Task WithFilesAsync(
        string verb, string remotePath, bool retryOnNewConnection, Func<SftpClient, Task> operation, CancellationToken cancellationToken)
    {
        var sftp = await files.GetAsync(cancellationToken);
        try
        {
            await operation(sftp);
            return;
        }
        catch (Exception e) when (BrokenConnection.Is(e) && retryOnNewConnection)
        {
            files.Discard(sftp);
        }
        catch (Exception e) when (BrokenConnection.Is(e))
        {
            files.Discard(sftp);
            throw new HostConnectionLostException(host, $"the SFTP {verb} {remotePath}", e);
        }
        catch (SftpException e)
        {
            throw Refused(verb, remotePath, e);
        }

        sftp = await files.GetAsync(cancellationToken);
        try
        {
            await operation(sftp);
        }
        catch (Exception e) when (BrokenConnection.Is(e))
        {
            files.Discard(sftp);
            throw new HostConnectionLostException(host, $"the SFTP {verb} {remotePath}", e);
        }
        catch (SftpException e)
        {
            throw Refused(verb, remotePath, e);
        }
    }

    private RemoteFileException Refused(string verb, string remotePath, SftpException e) => new(
        host,
        verb,
        remotePath,
        e switch
        {
            SftpPermissionDeniedException => "permission denied",
            SftpPathNotFoundException => "it or its directory does not exist",
            _ => $"the SFTP server refused ({e.Message})",
        },
        e);

    private static async Task DeleteIfPresentAsync(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (SftpPathNotFoundException)
        {
            // Already gone: deleting is idempotent.
        }
    }

    /// <summary>For SSH.NET calls with no async form: they wait for one SFTP round trip.</summary>
    private static Task OnThreadPool(Action call) => Task.Run(call, CancellationToken.None);

    /// <summary>SSH.NET takes a mode as its octal digits written in decimal: 0640 as 640.</summary>
    private static short OctalDigits(UnixFileMode mode) =>
        short.Parse(Convert.ToString((int)mode & 0xFFF, 8), CultureInfo.InvariantCulture);

    private static (string Directory, string Name) Split(string sftpPath, string remotePath)
    {
        var slash = sftpPath.LastIndexOf('/');
        var name = sftpPath[(slash + 1)..];
        if (name.Length == 0 || name is "." or "..")
        {
            throw new ArgumentException($"'{remotePath}' does not name a file.", nameof(remotePath));
        }

        return (slash == 0 ? "/" : sftpPath[..slash], name);
    }

    private static string Join(string directory, string name) => directory.EndsWith('/') ? directory + name : $"{directory}/{name}";
}
