namespace Coordinator.HostAccess;

/// <summary>
/// Anything that went wrong reaching or using a host. Messages name the host, its address and port, and
/// what to do; never a script, a file's contents or key material.
/// </summary>
public abstract class HostAccessException : Exception
{
    protected HostAccessException(HostEndpoint host, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Host = host;
    }

    public HostEndpoint Host { get; }
}
