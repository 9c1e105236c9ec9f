namespace Coordinator.HostAccess;

/// <summary>The known-hosts file strict host-key checking needs exists but could not be read.</summary>
public sealed class KnownHostsFileException : HostAccessException
{
    internal KnownHostsFileException(HostEndpoint host, string path, Exception innerException)
        : base(host, $"Cannot read the known-hosts file {path} to check the host key of {host}: {innerException.Message}", innerException)
    {
        Path = path;
    }

    public string Path { get; }
}
