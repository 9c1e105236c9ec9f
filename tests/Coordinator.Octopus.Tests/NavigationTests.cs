using OctopusServer.Double.State;

namespace Coordinator.Octopus.Tests;

/// <summary>The root document, the API key check, and resolving the names the inventory uses.</summary>
public sealed class NavigationTests : OctopusTest
{
    [Fact]
    public async Task The_root_document_is_read_without_a_key_and_describes_the_server()
    {
        var info = await Client.GetServerInfoAsync();

        Assert.Equal("Octopus Deploy", info.Application);
        Assert.Equal("2024.3.1234", info.Version);
        Assert.Equal("3.0.0", info.ApiVersion);
    }

    [Fact]
    public async Task Verifying_the_key_returns_its_user()
    {
        var user = await Client.VerifyApiKeyAsync();

        Assert.Equal("admin", user.Username);
        Assert.Single(RequestsTo("GET", "/api/users/me"));
    }

    [Fact]
    public async Task A_rejected_key_is_a_distinct_error_that_names_the_server_and_the_setting_and_is_not_retried()
    {
        var client = NewClient(apiKey: "API-WRONGWRONGWRONGWRONGWRONG");

        var error = await Assert.ThrowsAsync<OctopusAuthenticationException>(() => client.VerifyApiKeyAsync());

        Assert.StartsWith($"The Octopus API key was rejected by {Server.BaseUri}; check octopus.api-key.", error.Message);
        Assert.Contains("GET /api/users/me answered 401", error.Message);
        Assert.Contains("You must be logged in", error.Message);
        Assert.Equal(401, error.StatusCode);
        Assert.Single(RequestsTo("GET", "/api/users/me"));
    }

    [Fact]
    public async Task The_default_space_is_used_when_none_is_named()
    {
        var space = await Client.GetSpaceAsync();

        Assert.Equal(new OctopusSpace("Spaces-1", "Default", IsDefault: true), space);
    }

    [Fact]
    public async Task A_space_is_found_by_its_trimmed_name_in_any_case()
    {
        var space = await NewClient(space: "  dEfAuLt ").GetSpaceAsync();

        Assert.Equal("Spaces-1", space.Id);
    }

    [Fact]
    public async Task An_unknown_space_names_itself_and_the_spaces_that_exist()
    {
        var error = await Assert.ThrowsAsync<OctopusNameNotFoundException>(() => NewClient(space: "Ops").GetSpaceAsync());

        Assert.Equal($"The Octopus Server at {Server.BaseUri} has no space named 'Ops'. Its spaces are: Default.", error.Message);
    }

    [Fact]
    public async Task The_server_thumbprint_comes_from_certificate_global()
    {
        Assert.Equal(Server.ServerThumbprint, await Client.GetServerThumbprintAsync());
        Assert.Single(RequestsTo("GET", "/api/configuration/certificates/certificate-global"));
    }

    [Fact]
    public async Task Environments_are_matched_exactly_although_the_server_matches_fragments()
    {
        Server.State.AddEnvironment("Pre-Production");
        Server.State.AddEnvironment("Production-EU");

        var environments = await Client.ResolveEnvironmentsAsync([" production ", "staging"]);

        Assert.Equal([("Production", EnvironmentId("Production")), ("Staging", EnvironmentId("Staging"))], environments.Select(e => (e.Name, e.Id)));
    }

    [Fact]
    public async Task Environment_lookups_follow_the_next_page_link()
    {
        for (var i = 1; i <= 11; i++)
        {
            Server.State.AddEnvironment($"Prod-{i:00}");
        }

        var prod = Server.State.AddEnvironment("Prod");

        var environments = await Client.ResolveEnvironmentsAsync(["Prod"]);

        Assert.Equal(prod.Id, Assert.Single(environments).Id);
        var pages = RequestsTo("GET", "/api/Spaces-1/environments?");
        Assert.Equal(2, pages.Count);
        Assert.Contains("skip=10", pages[1].PathAndQuery);
    }

    [Fact]
    public async Task Unknown_environments_are_named_along_with_those_that_exist()
    {
        var error = await Assert.ThrowsAsync<OctopusNameNotFoundException>(() => Client.ResolveEnvironmentsAsync(["Production", "QA", "Prod"]));

        Assert.Equal(
            "Octopus space 'Default' has no environment named 'QA', 'Prod'. Its environments are: Development, Staging, Production.",
            error.Message);
        Assert.Equal(["QA", "Prod"], error.Missing);
    }

    [Fact]
    public async Task The_default_machine_policy_is_used_when_none_is_named()
    {
        Server.State.AddMachinePolicy("Linux Fleet");

        var policy = await Client.ResolveMachinePolicyAsync(null);

        Assert.Equal(new OctopusMachinePolicy(OctopusState.DefaultMachinePolicyId, "Default Machine Policy", IsDefault: true), policy);
    }

    [Fact]
    public async Task A_machine_policy_is_found_by_its_exact_name()
    {
        Server.State.AddMachinePolicy("Windows Fleet");
        var linux = Server.State.AddMachinePolicy("Linux Fleet");

        var policy = await Client.ResolveMachinePolicyAsync(" linux fleet ");

        Assert.Equal(linux.Id, policy.Id);
    }

    [Fact]
    public async Task A_machine_policy_fragment_is_not_a_match()
    {
        Server.State.AddMachinePolicy("Linux Fleet");

        var error = await Assert.ThrowsAsync<OctopusNameNotFoundException>(() => Client.ResolveMachinePolicyAsync("Fleet"));

        Assert.Equal(
            "Octopus space 'Default' has no machine policy named 'Fleet'. Its machine policies are: Default Machine Policy, Linux Fleet.",
            error.Message);
    }
}
