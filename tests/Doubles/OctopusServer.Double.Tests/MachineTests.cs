using System.Net;
using System.Text.Json.Nodes;

namespace OctopusServer.Double.Tests;

public sealed class MachineTests : ServerTest
{
    private const string Thumbprint = "0E80576D3BD8D40854802A4F8340A2E23AE961FD";

    [Fact]
    public async Task A_created_machine_carries_ids_copies_and_the_new_machine_summary()
    {
        var created = await CreateMachineAsync(MachineBody("web-01", Thumbprint));

        Assert.Equal("Machines-1", (string?)created["Id"]);
        Assert.Equal("Spaces-1", (string?)created["SpaceId"]);
        Assert.Equal("web-01", (string?)created["Slug"]);
        Assert.Equal(Thumbprint, (string?)created["Thumbprint"]);
        Assert.Equal("https://web-01.example.com:10933/", (string?)created["Uri"]);
        Assert.Equal("Unknown", (string?)created["Status"]);
        Assert.Equal("Unknown", (string?)created["HealthStatus"]);
        Assert.Equal("This machine was recently added. Please perform a health check.", (string?)created["StatusSummary"]);
        Assert.False(string.IsNullOrEmpty((string?)created["Endpoint"]!["Id"]));
        Assert.Equal("/api/Spaces-1/machines/Machines-1", (string?)created["Links"]!["Self"]);
        Assert.Equal(["Environments-1"], Strings(created["EnvironmentIds"]));
        Assert.Equal(["web-server"], Strings(created["Roles"]));
    }

    [Fact]
    public async Task Machine_ids_are_assigned_in_sequence()
    {
        var ids = new List<string?>();
        for (var i = 1; i <= 3; i++)
        {
            ids.Add((string?)(await CreateMachineAsync(MachineBody($"web-0{i}", Thumbprint)))["Id"]);
        }

        Assert.Equal(["Machines-1", "Machines-2", "Machines-3"], ids);
    }

    [Fact]
    public async Task A_machine_can_be_read_updated_through_its_self_link_and_deleted()
    {
        var created = await CreateMachineAsync(MachineBody("web-01", Thumbprint));
        var self = ((string)created["Links"]!["Self"]!).TrimStart('/');

        var fetched = await GetJsonAsync(self);
        fetched["Roles"] = new JsonArray("web-server", "api");
        fetched["EnvironmentIds"] = new JsonArray("Environments-2", "Environments-3");
        fetched["Endpoint"]!["Thumbprint"] = "1111111111111111111111111111111111111111";
        var (putStatus, updated) = await SendJsonAsync(HttpMethod.Put, self, fetched);

        Assert.Equal(HttpStatusCode.OK, putStatus);
        Assert.Equal(created["Id"]!.GetValue<string>(), (string?)updated["Id"]);
        Assert.Equal(["web-server", "api"], Strings(updated["Roles"]));
        Assert.Equal("1111111111111111111111111111111111111111", (string?)updated["Thumbprint"]);
        Assert.Equal(created["Endpoint"]!["Id"]!.GetValue<string>(), (string?)updated["Endpoint"]!["Id"]);

        using var deleted = await Api.DeleteAsync(self);
        Assert.True(deleted.IsSuccessStatusCode);
        using var gone = await Api.GetAsync(self);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(Server.State.Machines);
    }

    [Fact]
    public async Task A_machine_without_a_thumbprint_is_refused()
    {
        var (status, body) = await SendJsonAsync(HttpMethod.Post, "api/Spaces-1/machines", MachineBody("web-01", ""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["Please provide a thumbprint for this machine."], Strings(body["Errors"]));
        Assert.Equal("There was a problem with your request.", (string?)body["ErrorMessage"]);
    }

    [Fact]
    public async Task A_second_machine_with_the_same_name_is_refused()
    {
        await CreateMachineAsync(MachineBody("web-01", Thumbprint));

        var (status, body) = await SendJsonAsync(HttpMethod.Post, "api/Spaces-1/machines", MachineBody("web-01", "2222222222222222222222222222222222222222"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["A machine named 'web-01' already exists. Please choose a different name."], Strings(body["Errors"]));
    }

    [Fact]
    public async Task Changing_the_endpoint_type_of_an_existing_machine_is_refused()
    {
        var created = await CreateMachineAsync(MachineBody("web-01", Thumbprint));
        var polling = MachineBody("web-01", Thumbprint, uri: "poll://abcdefghijklmnopqrst/", style: "TentacleActive");

        var (status, body) = await SendJsonAsync(HttpMethod.Put, ((string)created["Links"]!["Self"]!).TrimStart('/'), polling);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["Model Endpoint type does not match incoming type"], Strings(body["Errors"]));
    }

    [Fact]
    public async Task Machines_sharing_a_thumbprint_are_all_accepted_and_found_by_it()
    {
        await CreateMachineAsync(MachineBody("web-01", Thumbprint));
        await CreateMachineAsync(MachineBody("web-02", Thumbprint));
        await CreateMachineAsync(MachineBody("web-03", "3333333333333333333333333333333333333333"));

        var found = await GetJsonAsync($"api/Spaces-1/machines/all?thumbprint={Thumbprint}");

        Assert.Equal(["web-01", "web-02"], found.AsArray().Select(m => (string)m!["Name"]!));
    }

    [Fact]
    public async Task The_machine_name_filter_is_an_exact_match()
    {
        await CreateMachineAsync(MachineBody("web-01", Thumbprint));
        await CreateMachineAsync(MachineBody("web-010", Thumbprint));

        var page = await GetJsonAsync("api/Spaces-1/machines?name=web-01");
        var none = await GetJsonAsync("api/Spaces-1/machines?name=web");

        Assert.Equal("web-01", (string?)Assert.Single(page["Items"]!.AsArray())!["Name"]);
        Assert.Empty(none["Items"]!.AsArray());
    }

    [Theory]
    [InlineData("EnvironmentIds", "Environments-99")]
    [InlineData("MachinePolicyId", "MachinePolicies-99")]
    public async Task Unknown_environment_or_policy_ids_are_refused(string field, string unknownId)
    {
        var body = MachineBody("web-01", Thumbprint);
        body[field] = field == "EnvironmentIds" ? new JsonArray(unknownId) : unknownId;

        var (status, error) = await SendJsonAsync(HttpMethod.Post, "api/Spaces-1/machines", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(unknownId, Assert.Single(Strings(error["Errors"])));
        Assert.Empty(Server.State.Machines);
    }
}
