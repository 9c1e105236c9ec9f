using System.Net;
using System.Net.Sockets;
using Coordinator.Host.Configuration;
using Coordinator.Host.Hosting;
using Xunit;

namespace Coordinator.Tests.Configuration;

public sealed class RemoteEndpointProbeTests
{
    [Fact]
    public async Task A_port_with_a_listener_is_reported_with_the_address_and_the_setting_that_changes_it()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<CoordinatorConfigurationException>(() =>
            RemoteEndpointProbe.EnsureAvailableAsync("127.0.0.1", port));

        Assert.Equal(
            $"remote endpoint 127.0.0.1:{port} is already in use by another process; "
            + "choose another port with coordinator.remote.port (--config file) or COORD_REMOTE_PORT, or stop the other process",
            error.Message);
    }

    [Fact]
    public async Task A_port_freed_again_is_available()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await RemoteEndpointProbe.EnsureAvailableAsync("127.0.0.1", port);

        // The probe released the port again: something else can listen there.
        using var after = new TcpListener(IPAddress.Loopback, port);
        after.Start();
    }

    [Fact]
    public void A_bind_failure_wrapped_by_akka_is_recognized()
    {
        var wrapped = new InvalidOperationException("Failed to start remoting",
            new AggregateException(new SocketException((int)SocketError.AddressAlreadyInUse)));

        Assert.True(RemoteEndpointProbe.IsAddressInUse(wrapped));
        Assert.False(RemoteEndpointProbe.IsAddressInUse(new InvalidOperationException("other", new TimeoutException())));
    }
}
