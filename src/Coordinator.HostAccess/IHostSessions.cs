namespace Coordinator.HostAccess;

/// <summary>
/// The coordinator's connections to its hosts: at most one shell and one SFTP connection per host, kept
/// open between operations. Disposing it closes them all.
/// </summary>
public interface IHostSessions : IAsyncDisposable
{
    /// <summary>
    /// The session for <paramref name="host"/>, keyed by its name; it connects on first use. If the host's
    /// endpoint changed (new address, key file or policy), the old session is closed and a new one returned.
    /// </summary>
    IHostSession For(HostEndpoint host);

    /// <summary>Closes the host's connections, e.g. when it is done or idle; the next <see cref="For"/> starts afresh.</summary>
    ValueTask CloseAsync(string hostName);
}
