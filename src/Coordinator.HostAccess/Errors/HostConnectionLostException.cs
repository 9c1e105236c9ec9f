namespace Coordinator.HostAccess;

/// <summary>
/// The connection broke while an operation was under way, so whether it took effect on the host is unknown.
/// It is not retried automatically; the next operation reconnects.
/// </summary>
public sealed class HostConnectionLostException : HostAccessException
{
    public HostConnectionLostException(HostEndpoint host, string operation, Exception? innerException = null)
        : base(
            host,
            $"The connection to {host} was lost during {operation}; it may or may not have taken effect. " +
            "Retry once the host is reachable (every bootstrap step is safe to repeat).",
            innerException)
    {
    }
}
