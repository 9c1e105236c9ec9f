using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Tentacle.Double.Tests.Support;

/// <summary>What a TLS client saw: the server certificate's thumbprint and whatever the server sent back.</summary>
public sealed record TlsExchange(string ServerThumbprint, string Reply);

/// <summary>A TLS client like the coordinator's and the Octopus Server's: ignores name/chain errors, may present a certificate.</summary>
public static class TlsProbe
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static async Task<TlsExchange> ExchangeAsync(IPEndPoint endpoint, string send, X509Certificate2? clientCertificate = null)
    {
        using var timeout = new CancellationTokenSource(Limit);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint, timeout.Token);
        string? serverThumbprint = null;
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                serverThumbprint = certificate?.GetCertHashString();
                return true;
            },
            LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate!,
        }, timeout.Token);

        if (send.Length > 0)
        {
            await tls.WriteAsync(Encoding.ASCII.GetBytes(send), timeout.Token);
            await tls.FlushAsync(timeout.Token);
        }

        var reply = new MemoryStream();
        if (send.Length > 0)
            await tls.CopyToAsync(reply, timeout.Token);
        return new TlsExchange(serverThumbprint!, Encoding.ASCII.GetString(reply.ToArray()));
    }

    public static X509Certificate2 CreateClientCertificate(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using var generated = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(generated.Export(X509ContentType.Pkcs12), null);
    }
}
