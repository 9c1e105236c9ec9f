using System.Net;
using System.Net.Sockets;

namespace Coordinator.Octopus.Tests;

/// <summary>The API key goes to the server as a header and nowhere else: not in URLs, messages, logs or ToString().</summary>
public sealed class SecrecyTests : OctopusTest
{
    private const string WrongKey = "API-WRONGKEYWRONGKEYWRONGKEY1";

    [Fact]
    public async Task The_key_is_in_no_error_no_log_line_no_url_and_no_description()
    {
        var logger = new RecordingLogger();
        var settings = new OctopusServerSettings(Server.BaseUri, Server.ApiKey);
        using var client = OctopusClient.Create(settings, FastOptions with { MaxAttempts = 2 }, logger);
        using var wrong = OctopusClient.Create(settings with { ApiKey = WrongKey }, FastOptions, logger);
        var texts = new List<string> { settings.ToString(), client.ToString(), (settings with { ApiKey = WrongKey }).ToString() };

        await new MachineRegistration(client).RegisterAsync(Desired("web-01", NewThumbprint()));
        texts.Add((await Record(() => wrong.VerifyApiKeyAsync())).ToString());
        texts.Add((await Record(() => client.ResolveEnvironmentsAsync(["QA"]))).ToString());
        Server.Faults.SetErrorRate(503, 1);
        texts.Add((await Record(() => client.Machines.FindByNameAsync("web-01"))).ToString());
        Server.Faults.SetErrorRate(503, 0);
        Server.Faults.SetErrorRate(400, 1);
        texts.Add((await Record(() => client.Machines.FindByThumbprintAsync(NewThumbprint()))).ToString());
        using var unreachable = UnreachableClient(settings);
        texts.Add((await Record(() => unreachable.VerifyApiKeyAsync())).ToString());
        texts.AddRange(logger.Lines);

        Assert.Contains(logger.Lines, l => l.Contains("retrying in", StringComparison.Ordinal));
        foreach (var text in texts)
        {
            Assert.DoesNotContain(Server.ApiKey, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(WrongKey, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.All(Server.Requests.Entries, e =>
        {
            Assert.DoesNotContain(Server.ApiKey, e.PathAndQuery, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("apikey", e.PathAndQuery, StringComparison.OrdinalIgnoreCase);
            Assert.True(e.ApiKeyPresented || e.PathAndQuery == "/api", $"{e.Method} {e.PathAndQuery} went without the key header");
        });
    }

    [Fact]
    public void Settings_describe_themselves_without_the_key()
    {
        var settings = new OctopusServerSettings(new Uri("https://octopus.example.com/"), "API-SECRETSECRETSECRETSECRET", "Ops");

        Assert.Equal("Octopus Server https://octopus.example.com/ (space 'Ops', API key redacted)", settings.ToString());
    }

    private static async Task<Exception> Record(Func<Task> action) =>
        await Assert.ThrowsAnyAsync<Exception>(action);

    private static OctopusClient UnreachableClient(OctopusServerSettings settings)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        probe.Stop();
        return OctopusClient.Create(settings with { Url = url }, FastOptions with { MaxAttempts = 1 });
    }
}
