using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Coordinator.Octopus.Tests;

/// <summary>
/// A stand-in listening Tentacle on 127.0.0.1 for health checks: it presents its own self-signed certificate
/// over TLS and answers the server double's <c>MX</c> greeting with <c>MX-TRUSTED</c> when the client
/// certificate is the one it trusts, else <c>MX-UNTRUSTED</c>.
/// </summary>
internal sealed class ListeningTentacle : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate = CreateCertificate();
    private readonly string _trustedThumbprint;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _serving;

    private ListeningTentacle(string trustedThumbprint)
    {
        _trustedThumbprint = trustedThumbprint;
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Thumbprint => _certificate.Thumbprint;

    public static ListeningTentacle Trusting(string serverThumbprint) => new(serverThumbprint);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _serving;
        _certificate.Dispose();
        _stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                connections.Add(AnswerAsync(await _listener.AcceptTcpClientAsync(_stopping.Token)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections);
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificate,
                    ClientCertificateRequired = true,
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                },
                timeout.Token);
            var clientThumbprint = tls.RemoteCertificate is { } presented ? Convert.ToHexString(presented.GetCertHash()) : "";
            var greeting = new byte[2];
            await tls.ReadExactlyAsync(greeting, timeout.Token);
            var reply = clientThumbprint == _trustedThumbprint ? "MX-TRUSTED\n" : "MX-UNTRUSTED\n";
            await tls.WriteAsync(Encoding.ASCII.GetBytes(reply), timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or AuthenticationException)
        {
            // The caller hung up, or the listener is stopping.
        }
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Octopus Tentacle", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}
