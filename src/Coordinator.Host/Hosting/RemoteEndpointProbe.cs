using System.Net;
using System.Net.Sockets;
using Coordinator.Host.Configuration;

namespace Coordinator.Host.Hosting;

/// <summary>
/// Binds the remote endpoint for a moment before Akka does, so a taken port is a one-line error that names
/// the setting to change rather than a remoting stack trace.
/// </summary>
public static class RemoteEndpointProbe
{
    /// <summary>Throws <see cref="CoordinatorConfigurationException"/> if nothing on this machine can listen at hostname:port.</summary>
    public static async Task EnsureAvailableAsync(string hostname, int port, CancellationToken cancellationToken = default)
    {
        // Port 0 asks the OS for any free port: nothing to probe.
        if (port == 0)
        {
            return;
        }

        var address = await ResolveAsync(hostname, cancellationToken);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw InUse(hostname, port);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            throw new CoordinatorConfigurationException(
                $"coordinator.remote.hostname \"{hostname}\" ({address}) is not an address of this machine; "
                + "set coordinator.remote.hostname or COORD_REMOTE_HOSTNAME");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            throw new CoordinatorConfigurationException(
                $"not allowed to listen on {hostname}:{port}; choose a port above 1023 with coordinator.remote.port or COORD_REMOTE_PORT");
        }
    }

    public static CoordinatorConfigurationException InUse(string hostname, int port) =>
        new($"remote endpoint {hostname}:{port} is already in use by another process; "
            + "choose another port with coordinator.remote.port (--config file) or COORD_REMOTE_PORT, or stop the other process");

    /// <summary>Whether <paramref name="failure"/>, or anything inside it, is a bind to an address already in use.</summary>
    public static bool IsAddressInUse(Exception failure) => failure switch
    {
        SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsAddressInUse),
        { InnerException: { } inner } => IsAddressInUse(inner),
        _ => false,
    };

    private static async Task<IPAddress> ResolveAsync(string hostname, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(hostname, out var literal))
        {
            return literal;
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(hostname, cancellationToken);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? addresses.First();
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException)
        {
            throw new CoordinatorConfigurationException(
                $"coordinator.remote.hostname \"{hostname}\" does not resolve to an address; set coordinator.remote.hostname or COORD_REMOTE_HOSTNAME");
        }
    }
}
