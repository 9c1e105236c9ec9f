using System.Net;
using System.Net.Http.Headers;

namespace OctopusServer.Double.Tests;

public sealed class RequestLogTests : ServerTest
{
    [Fact]
    public async Task The_log_records_each_request_and_never_the_api_key()
    {
        using var client = new HttpClient { BaseAddress = Server.BaseUri };
        using var header = new HttpRequestMessage(HttpMethod.Get, "api/Spaces-1/environments");
        header.Headers.Add("X-Octopus-ApiKey", Server.ApiKey);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "api/Spaces-1/machinepolicies");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Server.ApiKey);
        using var query = new HttpRequestMessage(HttpMethod.Get, $"api/spaces?take=5&apikey={Server.ApiKey}");
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "api");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "api/spaces?apikey=API-SOMEONEELSESKEY");

        foreach (var request in new[] { header, bearer, query, anonymous, wrong })
        {
            (await client.SendAsync(request)).Dispose();
        }

        var entries = Server.Requests.Entries;
        Assert.Equal(
            [
                ("GET", "/api/Spaces-1/environments", 200, true),
                ("GET", "/api/Spaces-1/machinepolicies", 200, true),
                ("GET", "/api/spaces?take=5&apikey=REDACTED", 200, true),
                ("GET", "/api", 200, false),
                ("GET", "/api/spaces?apikey=REDACTED", 401, true),
            ],
            entries.Select(e => (e.Method, e.PathAndQuery, e.StatusCode, e.ApiKeyPresented)));
        Assert.All(entries, e => Assert.DoesNotContain(Server.ApiKey, e.ToString(), StringComparison.OrdinalIgnoreCase));
        Assert.All(entries, e => Assert.DoesNotContain("SOMEONEELSESKEY", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_entry_is_readable_as_soon_as_the_response_arrives()
    {
        for (var i = 0; i < 20; i++)
        {
            using var response = await Api.GetAsync($"api/Spaces-1/machines/Machines-{i}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal((404, $"/api/Spaces-1/machines/Machines-{i}"), (Server.Requests.Entries[^1].StatusCode, Server.Requests.Entries[^1].PathAndQuery));
        }
    }
}
