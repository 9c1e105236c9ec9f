namespace Coordinator.HostAccess;

/// <summary>The private key a host is reached with could not be read or is not a key SSH.NET can use.</summary>
public sealed class IdentityFileException : HostAccessException
{
    public IdentityFileException(HostEndpoint host, string reason, Exception? innerException = null)
        : base(host, $"Cannot use the SSH identity file {host.IdentityFile} for {host}: {reason}.", innerException)
    {
    }
}
