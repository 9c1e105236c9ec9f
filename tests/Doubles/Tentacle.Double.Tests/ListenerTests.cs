using Tentacle.Double.Tests.Support;

namespace Tentacle.Double.Tests;

/// <summary>One configured, listening Tentacle shared by the read-only listener tests.</summary>
public sealed class ListeningTentacle : IAsyncLifetime
{
    public LabHost Host { get; } = new();
    public RunningAgent Agent { get; private set; } = null!;
    public string Thumbprint { get; private set; } = string.Empty;
    public System.Security.Cryptography.X509Certificates.X509Certificate2 TrustedServer { get; } =
        TlsProbe.CreateClientCertificate("CN=Trusted Octopus Server");

    public async Task InitializeAsync()
    {
        await Host.CreateInstanceWithCertificateAsync();
        await Host.MustSucceedAsync("configure", "--instance", "Tentacle", "--port", "0", "--listenIpAddress", "127.0.0.1",
            "--trust", TrustedServer.Thumbprint);
        Thumbprint = await Host.ThumbprintAsync();
        Agent = await Host.StartAgentAsync();
    }

    public async Task DisposeAsync()
    {
        TrustedServer.Dispose();
        await Host.DisposeAsync();
    }
}

public sealed class ListenerTests(ListeningTentacle tentacle) : IClassFixture<ListeningTentacle>
{
    [Fact]
    public void Reports_the_endpoint_it_listens_on()
    {
        Assert.Equal("127.0.0.1", tentacle.Agent.Endpoint.Address.ToString());
        Assert.Contains($"Agent listening on: {tentacle.Agent.Endpoint}", tentacle.Agent.Output);
    }

    [Fact]
    public async Task Any_TLS_client_sees_the_thumbprint_show_thumbprint_prints()
    {
        var exchange = await TlsProbe.ExchangeAsync(tentacle.Agent.Endpoint, send: string.Empty);

        Assert.Equal(tentacle.Thumbprint, exchange.ServerThumbprint);
    }

    [Fact]
    public async Task Answers_HTTP_with_the_configured_successfully_page()
    {
        var exchange = await TlsProbe.ExchangeAsync(tentacle.Agent.Endpoint, "GET / HTTP/1.1\r\nHost: tentacle\r\n\r\n");

        Assert.StartsWith("HTTP/1.0 200 OK\r\n", exchange.Reply);
        Assert.Contains("Octopus Tentacle configured successfully", exchange.Reply);
    }

    [Fact]
    public async Task MX_from_a_trusted_server_certificate_is_answered_trusted()
    {
        var exchange = await TlsProbe.ExchangeAsync(tentacle.Agent.Endpoint, "MX", tentacle.TrustedServer);

        Assert.Equal("MX-TRUSTED\n", exchange.Reply);
    }

    [Fact]
    public async Task MX_from_an_unknown_certificate_or_none_is_answered_untrusted()
    {
        using var stranger = TlsProbe.CreateClientCertificate("CN=Some other server");

        var withStranger = await TlsProbe.ExchangeAsync(tentacle.Agent.Endpoint, "MX", stranger);
        var withNone = await TlsProbe.ExchangeAsync(tentacle.Agent.Endpoint, "MX");

        Assert.Equal("MX-UNTRUSTED\n", withStranger.Reply);
        Assert.Equal("MX-UNTRUSTED\n", withNone.Reply);
    }
}

public sealed class ListenerLifetimeTests
{
    [Fact]
    public async Task Stops_cleanly_on_SIGTERM()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync();
        await host.MustSucceedAsync("configure", "--instance", "Tentacle", "--port", "0", "--listenIpAddress", "127.0.0.2");
        var agent = await host.StartAgentAsync();

        Posix.SendSignal(agent.ProcessId, Posix.SigTerm);

        Assert.True(await agent.HasExitedWithinAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(0, agent.Process.ExitCode);
    }

    [Fact]
    public async Task Without_noninteractive_it_exits_when_stdin_closes()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync();
        await host.MustSucceedAsync("configure", "--instance", "Tentacle", "--port", "0", "--listenIpAddress", "127.0.0.1");
        var agent = await host.StartAgentAsync(noninteractive: false);
        Assert.False(agent.Process.HasExited);

        agent.Process.StandardInput.Close();

        Assert.True(await agent.HasExitedWithinAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(0, agent.Process.ExitCode);
    }
}
