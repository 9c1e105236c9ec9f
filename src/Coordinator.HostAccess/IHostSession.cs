namespace Coordinator.HostAccess;

/// <summary>
/// Access to one host over its reused SSH connection (and, once a file is transferred, its SFTP connection).
/// Connections open on first use; one that dropped is reopened by the next operation. Safe to use from
/// several tasks at once.
/// </summary>
public interface IHostSession
{
    HostEndpoint Host { get; }

    /// <summary>Opens the shell connection now if it is not open: checks the host is reachable, its key and the login.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs a command and returns how it ended, whatever its exit code.
    /// </summary>
    /// <exception cref="HostCommandTimeoutException">It ran past its timeout; it was stopped and the connection stays usable.</exception>
    /// <exception cref="HostConnectionLostException">The connection broke while it ran: whether it finished is unknown.</exception>
    /// <exception cref="ArgumentException">A bash command for a Windows host or a PowerShell one for a Linux host.</exception>
    Task<CommandResult> RunAsync(HostCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a command as <see cref="RunAsync(HostCommand, CancellationToken)"/> does and, while it runs, reports
    /// each line it prints to <paramref name="output"/> as the line arrives (see docs/host-access.md). Lines of one
    /// stream come in order, one call at a time, on a thread of the library's own, never after this call has
    /// returned or thrown; an exception from <paramref name="output"/> is ignored. The result still holds all of
    /// the output. Implementations that cannot stream run the command without reporting anything.
    /// </summary>
    /// <param name="output">Told of every line; null to follow nothing, which costs nothing extra.</param>
    Task<CommandResult> RunAsync(HostCommand command, IProgress<CommandOutputLine>? output, CancellationToken cancellationToken) =>
        RunAsync(command, cancellationToken);

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="remotePath"/> over SFTP with <paramref name="mode"/>,
    /// replacing any file there. The file is never readable by others on the way, even briefly (see docs/host-access.md).
    /// Linux paths are absolute POSIX paths; Windows hosts take Windows paths (<c>C:\Windows\Temp\x</c>).
    /// </summary>
    Task UploadAsync(ReadOnlyMemory<byte> content, string remotePath, UnixFileMode mode, CancellationToken cancellationToken);

    /// <inheritdoc cref="UploadAsync(ReadOnlyMemory{byte}, string, UnixFileMode, CancellationToken)"/>
    /// <remarks>A seekable stream is re-read from its current position if the connection drops and the upload is retried.</remarks>
    Task UploadAsync(Stream content, string remotePath, UnixFileMode mode, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a file over SFTP; a missing file is not an error. Deleting the file of a path from
    /// <see cref="CreatePrivateTempPathAsync"/> deletes its private directory too.
    /// </summary>
    Task DeleteAsync(string remotePath, CancellationToken cancellationToken);

    /// <summary>
    /// A path for <paramref name="fileName"/> inside a new directory only the SSH user can enter, under the host's
    /// temporary directory (<c>$TMPDIR</c> or /tmp on Linux, <c>$env:TEMP</c> on Windows), in the host's own path
    /// syntax. The file does not exist yet: upload it, use it, and delete it in a <c>finally</c>.
    /// </summary>
    Task<string> CreatePrivateTempPathAsync(string fileName, CancellationToken cancellationToken);
}
