using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Tentacle.Double.Listening;

/// <summary>
/// The listening Tentacle's endpoint: TLS with the instance certificate for any client (a client certificate is
/// requested, never required). <c>MX</c> is the lab's stand-in for Halibut and answers whether the client's
/// certificate is trusted; anything else gets the "configured successfully" page.
/// </summary>
internal sealed class AgentListener(X509Certificate2 certificate, IReadOnlySet<string> trustedThumbprints)
{
    public const string TrustedReply = "MX-TRUSTED\n";
    public const string UntrustedReply = "MX-UNTRUSTED\n";

    static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(30);
    const int MaxRequestHeadBytes = 16 * 1024;

    public async Task RunAsync(IPEndPoint endpoint, Action<IPEndPoint> onListening, CancellationToken cancellation)
    {
        var certificateContext = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
        var listener = new TcpListener(endpoint);
        listener.Start();
        var connections = new HashSet<Task>();
        try
        {
            onListening((IPEndPoint)listener.LocalEndpoint);
            while (!cancellation.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(cancellation);
                var connection = ServeAsync(client, certificateContext, cancellation);
                lock (connections)
                    connections.Add(connection);
                _ = connection.ContinueWith(done => { lock (connections) connections.Remove(done); }, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Shutdown requested.
        }
        finally
        {
            listener.Stop();
            Task[] pending;
            lock (connections)
                pending = [.. connections];
            await Task.WhenAll(pending);
        }
    }

    async Task ServeAsync(TcpClient client, SslStreamCertificateContext certificateContext, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(ConnectionTimeout);
        try
        {
            using (client)
            await using (var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false))
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = certificateContext,
                    ClientCertificateRequired = true,
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                }, timeout.Token);

                var opening = new byte[2];
                if (await tls.ReadAtLeastAsync(opening, opening.Length, throwOnEndOfStream: false, timeout.Token) < opening.Length)
                    return;

                var reply = opening is [(byte)'M', (byte)'X']
                    ? (IsTrusted(tls.RemoteCertificate) ? TrustedReply : UntrustedReply)
                    : await ReadRequestThenPageAsync(tls, opening, timeout.Token);
                await tls.WriteAsync(Encoding.ASCII.GetBytes(reply), timeout.Token);
                await tls.ShutdownAsync();
            }
        }
        catch (Exception ex) when (ex is IOException or AuthenticationException or SocketException
                                       or OperationCanceledException or ObjectDisposedException)
        {
            // A client that goes away (or only wanted the handshake) is not the listener's problem.
        }
    }

    /// <summary>Exact, case-sensitive comparison of the upper-case SHA-1 thumbprint, as Tentacle does.</summary>
    bool IsTrusted(X509Certificate? clientCertificate) =>
        clientCertificate is not null && trustedThumbprints.Contains(clientCertificate.GetCertHashString());

    static async Task<string> ReadRequestThenPageAsync(Stream tls, byte[] opening, CancellationToken cancellation)
    {
        var head = new List<byte>(opening);
        var buffer = new byte[1024];
        while (head.Count < MaxRequestHeadBytes && !EndsWithBlankLine(head))
        {
            var read = await tls.ReadAsync(buffer, cancellation);
            if (read == 0)
                break;
            head.AddRange(buffer.AsSpan(0, read));
        }

        const string page =
            "<!DOCTYPE html>\n<html><head><title>Octopus Tentacle</title></head><body>\n" +
            "<h1>Octopus Tentacle configured successfully</h1>\n" +
            "<p>This Tentacle is listening and will accept work from the Octopus Servers it trusts.</p>\n" +
            "</body></html>\n";
        return "HTTP/1.0 200 OK\r\n" +
               "Content-Type: text/html; charset=utf-8\r\n" +
               $"Content-Length: {Encoding.UTF8.GetByteCount(page)}\r\n" +
               "Connection: close\r\n\r\n" + page;
    }

    static bool EndsWithBlankLine(List<byte> head)
    {
        var text = Encoding.ASCII.GetString(head.ToArray());
        return text.Contains("\r\n\r\n", StringComparison.Ordinal) || text.Contains("\n\n", StringComparison.Ordinal);
    }
}
