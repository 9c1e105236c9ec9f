using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Coordinator.Lab.Tests.Fidelity;

/// <summary>A Tentacle's listening endpoint seen from outside its host, as the coordinator checks it.</summary>
internal static class TentacleEndpoint
{
    public const int Port = 10933;

    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ListenDeadline = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The thumbprint of the certificate the listener presents in a TLS handshake (name and chain errors
    /// ignored: it is self-signed). Waits up to <see cref="ListenDeadline"/> for a service still starting.
    /// </summary>
    public static async Task<string> ThumbprintAsync(IPAddress address)
    {
        var deadline = DateTime.UtcNow + ListenDeadline;
        while (true)
        {
            try
            {
                return await HandshakeAsync(address);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>Whether anything accepts TCP connections on the Tentacle port of <paramref name="address"/>.</summary>
    public static async Task<bool> IsListeningAsync(IPAddress address)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        using var timeout = new CancellationTokenSource(HandshakeTimeout);
        try
        {
            await client.ConnectAsync(address, Port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<string> HandshakeAsync(IPAddress address)
    {
        using var timeout = new CancellationTokenSource(HandshakeTimeout);
        using var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(address, Port, timeout.Token);
        string? thumbprint = null;
        await using var tls = new SslStream(client.GetStream());
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = address.ToString(),
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    thumbprint = certificate?.GetCertHashString();
                    return true;
                },
            },
            timeout.Token);
        return thumbprint ?? throw new InvalidOperationException($"{address}:{Port} presented no certificate.");
    }
}
