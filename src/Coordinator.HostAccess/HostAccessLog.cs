using Microsoft.Extensions.Logging;

namespace Coordinator.HostAccess;

/// <summary>What the library logs: connections and host keys. Never scripts, output or file contents.</summary>
internal static partial class HostAccessLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Connected to {Host} at {Address}:{Port} for {Purpose}; host key {KeyType} {Fingerprint} accepted under policy {Policy}")]
    public static partial void Connected(ILogger logger, string host, string address, int port, string purpose, string keyType, string fingerprint, HostKeyPolicy policy);

    [LoggerMessage(Level = LogLevel.Information, Message = "First connection to {Host} at {Address}:{Port}: recorded its {KeyType} host key {Fingerprint}")]
    public static partial void RecordedFirstSeenKey(ILogger logger, string host, string address, int port, string keyType, string fingerprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Purpose} connection to {Host} dropped; reconnecting")]
    public static partial void Reconnecting(ILogger logger, string host, string purpose);
}
