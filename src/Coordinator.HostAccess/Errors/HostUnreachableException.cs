namespace Coordinator.HostAccess;

/// <summary>No SSH conversation with the host: refused, timed out, reset, or something other than sshd answered.</summary>
public sealed class HostUnreachableException : HostAccessException
{
    public HostUnreachableException(HostEndpoint host, string reason, Exception? innerException = null)
        : base(
            host,
            $"Could not reach {host} over SSH: {reason}. Check that the host is running, that the address and port in the " +
            "inventory are right, that sshd listens there, and that no firewall is in the way.",
            innerException)
    {
        Reason = reason;
    }

    /// <summary>What happened, e.g. "the connection was refused".</summary>
    public string Reason { get; }
}
