using OctopusServer.Double;

namespace Coordinator.Octopus.Tests;

/// <summary>An HTTPS server with a self-signed certificate: trusted only through a pinned thumbprint.</summary>
public sealed class TlsTests : OctopusTest
{
    protected override OctopusServerDoubleOptions ServerOptions => base.ServerOptions with { UseHttps = true };

    [Fact]
    public async Task The_pinned_certificate_is_accepted_whatever_its_chain()
    {
        var client = NewClient(pinnedTlsThumbprint: Server.HttpsThumbprint);

        Assert.Equal("admin", (await client.VerifyApiKeyAsync()).Username);
    }

    [Fact]
    public async Task A_pin_may_be_written_in_lower_case_with_colons()
    {
        var pin = string.Join(':', Server.HttpsThumbprint!.ToLowerInvariant().Chunk(2).Select(c => new string(c)));

        Assert.Equal("admin", (await NewClient(pinnedTlsThumbprint: pin).VerifyApiKeyAsync()).Username);
    }

    [Fact]
    public async Task Another_certificate_is_refused_at_once_naming_both_thumbprints()
    {
        var pinned = NewThumbprint();

        var error = await Assert.ThrowsAsync<OctopusUnreachableException>(() => NewClient(pinnedTlsThumbprint: pinned).GetServerInfoAsync());

        Assert.Equal(
            $"Could not reach the Octopus Server at {Server.BaseUri} (GET /api): it presented a TLS certificate with thumbprint " +
            $"{Server.HttpsThumbprint}, not the pinned {pinned}",
            error.Message);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task Without_a_pin_a_self_signed_certificate_fails_ordinary_validation()
    {
        var error = await Assert.ThrowsAsync<OctopusUnreachableException>(() => NewClient().GetServerInfoAsync());

        Assert.Contains("its TLS certificate failed validation", error.Message);
        Assert.Contains("pin its thumbprint", error.Message);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public void A_pin_that_is_not_a_thumbprint_is_refused_up_front()
    {
        var settings = new OctopusServerSettings(Server.BaseUri, Server.ApiKey, PinnedTlsThumbprint: "not-a-thumbprint");

        Assert.Throws<ArgumentException>(() => OctopusClient.Create(settings));
    }
}
