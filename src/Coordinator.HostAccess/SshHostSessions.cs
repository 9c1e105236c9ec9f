using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coordinator.HostAccess;

/// <summary>
/// The SSH.NET implementation of <see cref="IHostSessions"/>. Give it the store that
/// <see cref="HostKeyPolicy.AcceptNew"/> records first-seen host keys in.
/// </summary>
public sealed class SshHostSessions : IHostSessions
{
    private readonly HostAccessOptions _options;
    private readonly IHostKeyStore _keyStore;
    private readonly ILogger _logger;
    private readonly Dictionary<string, SshHostSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _disposed;

    public SshHostSessions(IHostKeyStore keyStore, HostAccessOptions? options = null, ILogger<SshHostSessions>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(keyStore);
        _options = options ?? new HostAccessOptions();
        _options.Validate();
        _keyStore = keyStore;
        _logger = logger ?? NullLogger<SshHostSessions>.Instance;
    }

    public IHostSession For(HostEndpoint host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.Validate();
        SshHostSession? replaced;
        SshHostSession session;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_sessions.TryGetValue(host.Name, out var existing) && existing.Host == host)
            {
                return existing;
            }

            replaced = existing;
            session = new SshHostSession(host, _options, _keyStore, _logger);
            _sessions[host.Name] = session;
        }

        replaced?.Dispose();
        return session;
    }

    public ValueTask CloseAsync(string hostName)
    {
        SshHostSession? session;
        lock (_lock)
        {
            _sessions.Remove(hostName, out session);
        }

        session?.Dispose();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        List<SshHostSession> sessions;
        lock (_lock)
        {
            _disposed = true;
            sessions = [.. _sessions.Values];
            _sessions.Clear();
        }

        foreach (var session in sessions)
        {
            session.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
