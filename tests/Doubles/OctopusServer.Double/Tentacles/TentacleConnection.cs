using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace OctopusServer.Double.Tentacles;

/// <summary>
/// A TLS connection to a listening Tentacle, made the way Octopus makes it: the server presents its own
/// certificate as the client certificate and accepts whatever the Tentacle presents, because it pins the
/// Tentacle by thumbprint rather than by chain.
/// </summary>
internal sealed class TentacleConnection : IAsyncDisposable
{
    private const int MaximumReplyLength = 256;

    private readonly TcpClient _tcp;
    private readonly SslStream _tls;

    private TentacleConnection(TcpClient tcp, SslStream tls, X509Certificate2 presented)
    {
        _tcp = tcp;
        _tls = tls;
        PresentedCertificate = presented;
    }

    public X509Certificate2 PresentedCertificate { get; }

    public static async Task<TentacleConnection> OpenAsync(
        string host, int port, X509Certificate2 serverCertificate, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(host, port, cancellationToken);
            var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    ClientCertificates = new X509CertificateCollection { serverCertificate },
                    LocalCertificateSelectionCallback = (_, _, _, _, _) => serverCertificate,
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                },
                cancellationToken);
            var presented = tls.RemoteCertificate switch
            {
                X509Certificate2 certificate => certificate,
                { } other => X509CertificateLoader.LoadCertificate(other.GetRawCertData()),
                null => throw new IOException("The Tentacle presented no certificate."),
            };
            return new TentacleConnection(tcp, tls, presented);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Sends the <c>MX</c> greeting and returns the Tentacle's one-line reply, or null if it hung up.</summary>
    public async Task<string?> GreetAsync(CancellationToken cancellationToken)
    {
        await _tls.WriteAsync("MX"u8.ToArray(), cancellationToken);
        await _tls.FlushAsync(cancellationToken);

        var reply = new List<byte>();
        var buffer = new byte[1];
        while (reply.Count < MaximumReplyLength)
        {
            if (await _tls.ReadAsync(buffer, cancellationToken) == 0)
            {
                return reply.Count == 0 ? null : Decode(reply);
            }

            if (buffer[0] == (byte)'\n')
            {
                break;
            }

            reply.Add(buffer[0]);
        }

        return Decode(reply);
    }

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync();
        _tcp.Dispose();
    }

    private static string Decode(List<byte> line) => Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
}
