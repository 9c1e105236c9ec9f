namespace Coordinator.HostAccess;

/// <summary>An SFTP operation on a host failed: no such directory, permission denied, or the server refused.</summary>
public sealed class RemoteFileException : HostAccessException
{
    public RemoteFileException(HostEndpoint host, string operation, string remotePath, string reason, Exception? innerException = null)
        : base(host, $"Could not {operation} {remotePath} on {host}: {reason}.", innerException)
    {
        RemotePath = remotePath;
    }

    public string RemotePath { get; }
}
