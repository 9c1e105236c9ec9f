using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Renci.SshNet;

namespace Coordinator.HostAccess;

/// <summary>An <see cref="IHostSession"/> over SSH.NET: a shell connection for commands, an SFTP connection for files.</summary>
internal sealed class SshHostSession : IHostSession, IDisposable
{
    private static readonly TimeSpan HousekeepingTimeout = TimeSpan.FromSeconds(60);

    private readonly HostConnector _connector;
    private readonly ReusableConnection<SshClient> _shell;
    private readonly ReusableConnection<SftpClient> _files;
    private readonly CommandRunner _commands;
    private readonly FileTransfers _transfers;

    public SshHostSession(HostEndpoint host, HostAccessOptions options, IHostKeyStore keyStore, ILogger logger)
    {
        Host = host;
        _connector = new HostConnector(host, options, keyStore, logger);
        _shell = new ReusableConnection<SshClient>(
            cancellationToken => _connector.ConnectAsync(connection => new SshClient(connection), "commands", cancellationToken),
            () => HostAccessLog.Reconnecting(logger, host.Name, "shell"));
        _files = new ReusableConnection<SftpClient>(
            cancellationToken => _connector.ConnectAsync(
                connection => new SftpClient(connection) { OperationTimeout = options.FileRequestTimeout },
                "file transfers",
                cancellationToken),
            () => HostAccessLog.Reconnecting(logger, host.Name, "SFTP"));
        _commands = new CommandRunner(host, options, _shell);
        _transfers = new FileTransfers(host, options, _files);
    }

    public HostEndpoint Host { get; }

    /// <summary>The shell connection's client, for tests that check it is reused.</summary>
    internal SshClient? ShellClient => _shell.Current;

    public Task ConnectAsync(CancellationToken cancellationToken) => _shell.GetAsync(cancellationToken);

    public Task<CommandResult> RunAsync(HostCommand command, CancellationToken cancellationToken) =>
        RunAsync(command, output: null, cancellationToken);

    public Task<CommandResult> RunAsync(HostCommand command, IProgress<CommandOutputLine>? output, CancellationToken cancellationToken) =>
        _commands.RunAsync(command, output, cancellationToken);

    public async Task UploadAsync(ReadOnlyMemory<byte> content, string remotePath, UnixFileMode mode, CancellationToken cancellationToken)
    {
        await using var stream = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        await _transfers.UploadAsync(stream, remotePath, mode, cancellationToken);
    }

    public Task UploadAsync(Stream content, string remotePath, UnixFileMode mode, CancellationToken cancellationToken) =>
        _transfers.UploadAsync(content, remotePath, mode, cancellationToken);

    public Task DeleteAsync(string remotePath, CancellationToken cancellationToken) =>
        _transfers.DeleteAsync(remotePath, cancellationToken);

    public async Task<string> CreatePrivateTempPathAsync(string fileName, CancellationToken cancellationToken)
    {
        PrivateTempDirectory.RequireFileName(fileName);
        var command = PrivateTempDirectory.CreateCommand(Host.Os, HousekeepingTimeout);
        var result = await RunAsync(command, cancellationToken);
        var directory = result.StandardOutput.Trim();
        if (!result.Succeeded || directory.Length == 0 || directory.Contains('\n'))
        {
            throw new RemoteFileException(
                Host, "create", "a private directory in the temporary directory", $"'{command.Description}' failed: {result.Tail(5)}");
        }

        var sftpDirectory = _transfers.SftpPathOf(directory);
        _transfers.TrackPrivateDirectory(sftpDirectory);
        return PrivateTempDirectory.PathOf(Host.Os, directory, fileName);
    }

    public void Dispose()
    {
        _shell.Dispose();
        _files.Dispose();
        _connector.Dispose();
    }
}
