using System.Collections.Concurrent;

namespace Coordinator.HostAccess;

/// <summary>An <see cref="IHostKeyStore"/> that lives as long as the process: for tests and one-off runs.</summary>
public sealed class InMemoryHostKeyStore : IHostKeyStore
{
    private readonly ConcurrentDictionary<string, HostPublicKey> _keys = new(StringComparer.Ordinal);

    public Task<HostPublicKey?> FindAsync(string hostName, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.GetValueOrDefault(hostName));

    public Task RecordAsync(string hostName, HostPublicKey key, CancellationToken cancellationToken)
    {
        _keys[hostName] = key;
        return Task.CompletedTask;
    }

    /// <summary>Drops a host's recorded key, so the next key it presents is accepted as new (a rebuilt machine).</summary>
    public bool Forget(string hostName) => _keys.TryRemove(hostName, out _);
}
