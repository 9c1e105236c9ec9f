using System.Net.Security;
using System.Net.Sockets;

namespace Coordinator.Bootstrap.Steps;

/// <summary>What certificate a Tentacle presents on its listen port: the verify step's evidence.</summary>
public interface ITentacleListenerCheck
{
    /// <summary>The upper-case SHA-1 thumbprint of the certificate presented in a TLS handshake.</summary>
    /// <exception cref="SocketException">Nothing accepts connections there.</exception>
    /// <exception cref="IOException">The handshake failed.</exception>
    Task<string> PresentedThumbprintAsync(string address, int port, CancellationToken cancellationToken);
}

/// <summary>
/// Connects as Octopus Server would and reads the certificate from the handshake. The certificate is not
/// validated against any chain: Tentacle certificates are self-signed and identified by thumbprint alone.
/// </summary>
public sealed class TlsListenerCheck : ITentacleListenerCheck
{
    public async Task<string> PresentedThumbprintAsync(string address, int port, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address, port, cancellationToken);
        string? thumbprint = null;
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = address,
                RemoteCertificateValidationCallback = (_, presented, _, _) =>
                {
                    thumbprint = presented?.GetCertHashString();
                    return presented is not null;
                },
            },
            cancellationToken);
        return thumbprint?.ToUpperInvariant() ?? throw new IOException($"{address}:{port} presented no certificate.");
    }
}
