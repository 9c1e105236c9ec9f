using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace OctopusServer.Double.Tests;

public sealed class RootAndAuthenticationTests : ServerTest
{
    private const string NotLoggedInBody =
        """{"ErrorMessage":"You must be logged in to perform this action. Please provide a valid API key or log in again.","Errors":[]}""";

    [Fact]
    public async Task The_api_root_is_readable_without_a_key_and_links_to_what_a_client_navigates()
    {
        using var anonymous = new HttpClient { BaseAddress = Server.BaseUri };

        using var response = await anonymous.GetAsync("api");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = await ReadJsonAsync(response);
        Assert.Equal("Octopus Deploy", (string?)root["Application"]);
        Assert.Equal("2024.3.1234", (string?)root["Version"]);
        Assert.Equal("3.0.0", (string?)root["ApiVersion"]);
        Assert.True(Guid.TryParse((string?)root["InstallationId"], out _));
        var links = root["Links"]!;
        Assert.Equal(
            "/api/Spaces-1/machines{/id}{?skip,take,name,ids,partialName,roles,isDisabled,healthStatuses,commStyles,tenantIds,tenantTags,environmentIds,thumbprint,deploymentId}",
            (string?)links["Machines"]);
        foreach (var name in new[] { "Spaces", "Environments", "MachinePolicies", "Tasks", "CurrentUser", "DiscoverMachine", "CertificateConfiguration" })
        {
            Assert.StartsWith("/api/", (string?)links[name]);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("API-WRONGKEY000000000000000")]
    public async Task A_missing_or_wrong_key_is_refused_with_the_servers_401_body(string? key)
    {
        using var client = new HttpClient { BaseAddress = Server.BaseUri };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Octopus-ApiKey", key);
        }

        using var response = await client.GetAsync("api/Spaces-1/machines");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(NotLoggedInBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_key_is_accepted_as_header_query_parameter_and_bearer_token()
    {
        using var client = new HttpClient { BaseAddress = Server.BaseUri };

        using var header = new HttpRequestMessage(HttpMethod.Get, "api/spaces");
        header.Headers.Add("X-Octopus-ApiKey", Server.ApiKey);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "api/spaces");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Server.ApiKey);
        using var query = new HttpRequestMessage(HttpMethod.Get, $"api/spaces?apikey={Server.ApiKey}");

        foreach (var request in new[] { header, bearer, query })
        {
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_current_user_and_the_server_certificate_are_served()
    {
        var user = await GetJsonAsync("api/users/me");
        var certificate = await GetJsonAsync("api/configuration/certificates/certificate-global");

        Assert.False(string.IsNullOrEmpty((string?)user["Id"]));
        Assert.Equal("certificate-global", (string?)certificate["Id"]);
        Assert.Equal(Server.ServerThumbprint, (string?)certificate["Thumbprint"]);
        Assert.Matches("^[0-9A-F]{40}$", Server.ServerThumbprint);
    }

    [Theory]
    [InlineData("GET", "api/Spaces-1/no-such-collection", HttpStatusCode.NotFound)]
    [InlineData("GET", "api/Spaces-1/machines/Machines-404", HttpStatusCode.NotFound)]
    [InlineData("PATCH", "api/Spaces-1/machines", HttpStatusCode.MethodNotAllowed)]
    public async Task Failures_carry_the_error_body(string method, string path, HttpStatusCode expected)
    {
        using var response = await Api.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(expected, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.False(string.IsNullOrEmpty((string?)body["ErrorMessage"]));
        Assert.IsType<JsonArray>(body["Errors"]);
    }
}
