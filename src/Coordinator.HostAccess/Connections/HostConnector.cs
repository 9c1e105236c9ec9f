using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Coordinator.HostAccess;

/// <summary>
/// Opens SSH.NET clients to one host: key authentication with the identity file, the host-key policy, the
/// connect timeout and keep-alive. Failures become the library's exceptions, each naming the host and the fix.
/// Connections to a host open one at a time, so a first-seen key is recorded once.
/// </summary>
internal sealed class HostConnector(HostEndpoint host, HostAccessOptions options, IHostKeyStore keyStore, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);

    public async Task<ConnectedClient<TClient>> ConnectAsync<TClient>(
        Func<ConnectionInfo, TClient> create, string purpose, CancellationToken cancellationToken)
        where TClient : BaseClient
    {
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            return await ConnectOnceAsync(create, purpose, cancellationToken);
        }
        finally
        {
            _connecting.Release();
        }
    }

    public void Dispose() => _connecting.Dispose();

    private async Task<ConnectedClient<TClient>> ConnectOnceAsync<TClient>(
        Func<ConnectionInfo, TClient> create, string purpose, CancellationToken cancellationToken)
        where TClient : BaseClient
    {
        var check = await HostKeyCheck.PrepareAsync(host, keyStore, cancellationToken);
        var key = await IdentityFile.LoadAsync(host, cancellationToken);
        var authentication = new PrivateKeyAuthenticationMethod(host.User, key);
        var connection = new ConnectionInfo(host.Address, host.Port, host.User, authentication) { Timeout = options.ConnectTimeout };
        check.OrderAlgorithms(connection.HostKeyAlgorithms);
        var client = create(connection);
        var connected = new ConnectedClient<TClient>(client, authentication, key);
        try
        {
            client.HostKeyReceived += check.OnHostKeyReceived;
            client.KeepAliveInterval = options.KeepAliveInterval;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(options.ConnectTimeout);
                await client.ConnectAsync(deadline.Token);
            }

            var presented = check.Presented!;
            if (check.FirstSeen is { } firstSeen)
            {
                await keyStore.RecordAsync(host.Name, firstSeen, cancellationToken);
                HostAccessLog.RecordedFirstSeenKey(logger, host.Name, host.Address, host.Port, firstSeen.Type, firstSeen.Fingerprint);
            }

            HostAccessLog.Connected(logger, host.Name, host.Address, host.Port, purpose, presented.Type, presented.Fingerprint, host.Policy);
            return connected;
        }
        catch (Exception e)
        {
            connected.Dispose();
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            if (check.Rejection is { } rejection)
            {
                throw rejection;
            }

            throw Translate(e) ?? e;
        }
    }

    private HostAccessException? Translate(Exception e) => e switch
    {
        SshAuthenticationException => new HostAuthenticationException(host, e),
        SocketException socket => new HostUnreachableException(host, Describe(socket), e),
        OperationCanceledException or SshOperationTimeoutException => new HostUnreachableException(
            host, $"it did not complete the SSH handshake within the connect timeout of {options.ConnectTimeout.TotalSeconds:0.###}s", e),
        SshConnectionException or ProxyException => new HostUnreachableException(host, $"the SSH connection failed ({e.Message})", e),
        SshException => new HostUnreachableException(host, $"the SSH handshake failed ({e.Message})", e),
        _ => null,
    };

    private static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "the connection was refused (nothing listens on that port)",
        SocketError.TimedOut => "the connection timed out",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the address could not be resolved",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "there is no route to it",
        SocketError.ConnectionReset => "the connection was reset",
        var other => $"the connection failed ({other})",
    };
}
