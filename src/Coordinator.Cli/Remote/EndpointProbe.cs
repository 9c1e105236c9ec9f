using System.Net.Sockets;

namespace Coordinator.Cli.Remote;

/// <summary>
/// A plain TCP connect before Akka starts. Without it, a missing coordinator shows up only as an Ask
/// timeout after the full <c>--timeout</c>; with it, the operator learns in milliseconds that nothing listens.
/// </summary>
public static class EndpointProbe
{
    public static readonly TimeSpan MaximumWait = TimeSpan.FromSeconds(2);

    /// <exception cref="CliFailure">Nothing accepted a connection at <paramref name="endpoint"/>.</exception>
    public static async Task EnsureListeningAsync(CoordinatorEndpoint endpoint, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, deadline.Token);
        }
        catch (SocketException ex)
        {
            throw NotListening(endpoint, Describe(ex.SocketErrorCode));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw NotListening(endpoint, $"no answer within {CommandTimeout.Format(wait)}");
        }
    }

    private static CliFailure NotListening(CoordinatorEndpoint endpoint, string reason) =>
        new(ExitCode.UsageOrConnection,
            $"no coordinator at {endpoint} ({reason}). Start one with ./build.sh --target=Run, " +
            $"or point --endpoint / {CoordinatorEndpoint.EnvironmentVariable} at a running host.");

    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
        SocketError.TimedOut => "connection timed out",
        _ => $"socket error {error}",
    };
}
