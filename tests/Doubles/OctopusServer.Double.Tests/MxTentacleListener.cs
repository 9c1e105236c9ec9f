using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace OctopusServer.Double.Tests;

/// <summary>
/// A minimal listening Tentacle on 127.0.0.1: serves TLS with its own certificate, asks for the client's,
/// and answers the two bytes <c>MX</c> with <c>MX-TRUSTED</c> or <c>MX-UNTRUSTED</c> depending on whether the
/// client's thumbprint is in its trust list.
/// </summary>
internal sealed class MxTentacleListener : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2 _certificate;
    private readonly IReadOnlySet<string> _trusted;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    private MxTentacleListener(IReadOnlySet<string> trusted)
    {
        _trusted = trusted;
        _certificate = TentacleCertificate.Create();
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Uri => $"https://127.0.0.1:{Port}/";

    public string Thumbprint => _certificate.Thumbprint;

    /// <summary>The thumbprints of the client certificates presented to this Tentacle.</summary>
    public ConcurrentQueue<string> ClientThumbprints { get; } = new();

    public static MxTentacleListener Start(params string[] trustedThumbprints) => new(trustedThumbprints.ToHashSet());

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _certificate.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                connections.Add(ServeAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException
                                  || (e is InvalidOperationException && _stopping.IsCancellationRequested))
        {
            // Stopped; a loop that was between two accepts when the listener stopped gets "Not listening".
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificate,
                    ClientCertificateRequired = true,
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                },
                timeout.Token);
            var clientThumbprint = tls.RemoteCertificate is X509Certificate2 presented ? presented.Thumbprint : "";
            ClientThumbprints.Enqueue(clientThumbprint);

            var greeting = new byte[2];
            await tls.ReadExactlyAsync(greeting, timeout.Token);
            if (Encoding.ASCII.GetString(greeting) == "MX")
            {
                var reply = _trusted.Contains(clientThumbprint) ? "MX-TRUSTED\n" : "MX-UNTRUSTED\n";
                await tls.WriteAsync(Encoding.ASCII.GetBytes(reply), timeout.Token);
                await tls.FlushAsync(timeout.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or System.Security.Authentication.AuthenticationException)
        {
            // Discovery hangs up after the handshake, and a stopped listener drops its clients.
        }
    }
}
