using Coordinator.Protocol;

namespace Coordinator.Cli.Tests;

public sealed class CoordinatorEndpointTests
{
    [Theory]
    [InlineData("127.0.0.1:4053", "127.0.0.1", 4053)]
    [InlineData("localhost:1", "localhost", 1)]
    [InlineData("coordinator.example.org:65535", "coordinator.example.org", 65535)]
    [InlineData("  10.0.0.5:8081 ", "10.0.0.5", 8081)]
    public void Parses_host_and_port(string text, string host, int port)
    {
        Assert.True(CoordinatorEndpoint.TryParse(text, out var endpoint));
        Assert.Equal(new CoordinatorEndpoint(host, port), endpoint);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("localhost")]
    [InlineData(":4053")]
    [InlineData("localhost:")]
    [InlineData("localhost:0")]
    [InlineData("localhost:65536")]
    [InlineData("localhost:-1")]
    [InlineData("localhost:+80")]
    [InlineData("localhost:80a")]
    [InlineData("local host:4053")]
    [InlineData("::1:4053")]
    [InlineData("[::1]:4053")]
    [InlineData("akka.tcp://coordinator@127.0.0.1:4053")]
    public void Rejects_anything_but_host_colon_port(string? text)
    {
        Assert.False(CoordinatorEndpoint.TryParse(text, out _));
    }

    [Fact]
    public void Names_the_admin_actor_on_that_endpoint()
    {
        var endpoint = new CoordinatorEndpoint("10.1.2.3", 4100);

        Assert.Equal(CoordinatorAddress.AdminActorPath("10.1.2.3", 4100), endpoint.AdminActorPath);
        Assert.Equal("10.1.2.3:4100", endpoint.ToString());
    }

    [Fact]
    public void Defaults_to_the_coordinators_well_known_address_when_the_variable_is_unset()
    {
        Assert.True(CoordinatorEndpoint.TryFromEnvironment(_ => null, out var endpoint, out _));
        Assert.Equal(new CoordinatorEndpoint(CoordinatorAddress.DefaultHostname, CoordinatorAddress.DefaultPort), endpoint);
        Assert.Equal("127.0.0.1:4053", endpoint.ToString());
    }

    [Fact]
    public void Takes_the_default_from_COORD_ENDPOINT()
    {
        var environment = Environments.With("COORD_ENDPOINT", "10.9.8.7:5000");

        Assert.True(CoordinatorEndpoint.TryFromEnvironment(environment, out var endpoint, out _));
        Assert.Equal(new CoordinatorEndpoint("10.9.8.7", 5000), endpoint);
    }

    [Fact]
    public void A_malformed_COORD_ENDPOINT_is_an_error_not_a_silent_fallback()
    {
        var environment = Environments.With("COORD_ENDPOINT", "10.9.8.7");

        Assert.False(CoordinatorEndpoint.TryFromEnvironment(environment, out _, out var error));
        Assert.Contains("COORD_ENDPOINT", error);
        Assert.Contains("10.9.8.7", error);
        Assert.Contains("host:port", error);
    }
}
