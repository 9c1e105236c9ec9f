namespace Coordinator.HostAccess;

/// <summary>
/// Where <see cref="HostKeyPolicy.AcceptNew"/> keeps the key each host presented the first time it was
/// reached, keyed by <see cref="HostEndpoint.Name"/>. The key is looked up before every connection and
/// recorded only after a first-seen key was accepted, before the connection is used.
/// </summary>
public interface IHostKeyStore
{
    /// <summary>The key recorded for <paramref name="hostName"/>, or null if none was.</summary>
    Task<HostPublicKey?> FindAsync(string hostName, CancellationToken cancellationToken);

    /// <summary>Records the first key seen for <paramref name="hostName"/>.</summary>
    Task RecordAsync(string hostName, HostPublicKey key, CancellationToken cancellationToken);
}
