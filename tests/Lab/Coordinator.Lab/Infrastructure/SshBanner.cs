using System.Net;
using System.Net.Sockets;

namespace Coordinator.Lab;

/// <summary>Whether an SSH server answers: it accepts a connection and sends its <c>SSH-</c> banner.</summary>
internal static class SshBanner
{
    public static async Task<bool> AnswersAsync(IPAddress address, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient(AddressFamily.InterNetwork);
            await client.ConnectAsync(address, port, attempt.Token);
            var stream = client.GetStream();
            var banner = new byte[4];
            var received = 0;
            while (received < banner.Length)
            {
                var read = await stream.ReadAsync(banner.AsMemory(received), attempt.Token);
                if (read == 0)
                {
                    return false;
                }

                received += read;
            }

            return banner is [(byte)'S', (byte)'S', (byte)'H', (byte)'-'];
        }
        catch (Exception e) when (e is SocketException or IOException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
