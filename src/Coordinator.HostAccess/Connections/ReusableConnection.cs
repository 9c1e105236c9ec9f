using Renci.SshNet;

namespace Coordinator.HostAccess;

/// <summary>
/// One connection of one kind to a host, opened on first use and reused after; if it has dropped, the
/// next caller opens a new one. Callers that find a connection broken mid-use hand it back with
/// <see cref="Discard"/> so the next caller does not wait for SSH.NET to notice.
/// </summary>
internal sealed class ReusableConnection<TClient>(Func<CancellationToken, Task<ConnectedClient<TClient>>> connect, Action onReconnect) : IDisposable
    where TClient : BaseClient
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private ConnectedClient<TClient>? _current;
    private bool _everConnected;
    private bool _disposed;

    /// <summary>The connected client, for tests that check it is reused.</summary>
    internal TClient? Current => Volatile.Read(ref _current)?.Client;

    public async Task<TClient> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { IsConnected: true } current)
        {
            return current.Client;
        }

        await _opening.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_current is { IsConnected: true })
            {
                return _current.Client;
            }

            Interlocked.Exchange(ref _current, null)?.Dispose();
            if (_everConnected)
            {
                onReconnect();
            }

            var opened = await connect(cancellationToken);
            _everConnected = true;
            Volatile.Write(ref _current, opened);
            return opened.Client;
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>Drops <paramref name="client"/> if it is still the current connection.</summary>
    public void Discard(TClient client)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && ReferenceEquals(current.Client, client) && Interlocked.CompareExchange(ref _current, null, current) == current)
        {
            current.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Interlocked.Exchange(ref _current, null)?.Dispose();
    }
}
