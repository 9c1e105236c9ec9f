using System.Text.Json.Nodes;

namespace OctopusServer.Double.Tests;

public sealed class CollectionTests : ServerTest
{
    [Fact]
    public async Task The_default_space_is_listed_paged_and_as_an_array()
    {
        var page = await GetJsonAsync("api/spaces");
        var all = await GetJsonAsync("api/spaces/all");

        var space = Assert.Single(page["Items"]!.AsArray())!;
        Assert.Equal("Spaces-1", (string?)space["Id"]);
        Assert.True((bool?)space["IsDefault"]);
        Assert.Equal("Spaces-1", (string?)Assert.Single(all.AsArray())!["Id"]);
    }

    [Fact]
    public async Task The_environment_name_filter_matches_fragments_so_clients_must_refilter()
    {
        Server.State.AddEnvironment("Production EU");

        var byName = await GetJsonAsync("api/Spaces-1/environments?name=Production");
        var byPartialName = await GetJsonAsync("api/Spaces-1/environments?partialName=duct");

        Assert.Equal(["Production", "Production EU"], Names(byName["Items"]));
        Assert.Equal(["Production", "Production EU"], Names(byPartialName["Items"]));
        var environment = byName["Items"]![0]!;
        Assert.Equal("Spaces-1", (string?)environment["SpaceId"]);
        Assert.Equal("production", (string?)environment["Slug"]);
        Assert.NotNull(environment["SortOrder"]);
        Assert.NotNull(environment["Description"]);
    }

    [Fact]
    public async Task Environments_page_by_ten_by_default_and_all_returns_a_plain_array()
    {
        for (var i = 0; i < 9; i++)
        {
            Server.State.AddEnvironment($"Extra {i}");
        }

        var page = await GetJsonAsync("api/Spaces-1/environments");
        var all = await GetJsonAsync("api/Spaces-1/environments/all");

        Assert.Equal(10, (int?)page["ItemsPerPage"]);
        Assert.Equal(12, (int?)page["TotalResults"]);
        Assert.Equal(10, page["Items"]!.AsArray().Count);
        Assert.Equal(12, all.AsArray().Count);
    }

    [Fact]
    public async Task The_default_machine_policy_pages_by_thirty()
    {
        var page = await GetJsonAsync("api/Spaces-1/machinepolicies");
        var all = await GetJsonAsync("api/Spaces-1/machinepolicies/all");

        Assert.Equal(30, (int?)page["ItemsPerPage"]);
        var policy = Assert.Single(all.AsArray())!;
        Assert.Equal("MachinePolicies-1", (string?)policy["Id"]);
        Assert.True((bool?)policy["IsDefault"]);
        Assert.Equal("DoNotDelete", (string?)policy["MachineCleanupPolicy"]!["DeleteMachinesBehavior"]);
    }

    [Fact]
    public async Task A_machine_page_has_the_full_envelope_and_page_next_walks_every_machine()
    {
        for (var i = 1; i <= 65; i++)
        {
            Assert.NotNull(Server.State.CreateMachine(Body(MachineBody($"web-{i:00}", "0E80576D3BD8D40854802A4F8340A2E23AE961FD"))).Machine);
        }

        var first = await GetJsonAsync("api/Spaces-1/machines");

        Assert.Equal("Machine", (string?)first["ItemType"]);
        Assert.False((bool?)first["IsStale"]);
        Assert.Equal(65, (int?)first["TotalResults"]);
        Assert.Equal(30, (int?)first["ItemsPerPage"]);
        Assert.Equal(3, (int?)first["NumberOfPages"]);
        Assert.Equal(2, (int?)first["LastPageNumber"]);
        var links = first["Links"]!;
        Assert.Equal("/api/Spaces-1/machines", (string?)links["Self"]);
        Assert.StartsWith("/api/Spaces-1/machines{/id}{?skip,take,", (string?)links["Template"]);
        Assert.Equal("/api/Spaces-1/machines?skip=0&take=30", (string?)links["Page.Current"]);

        var names = new List<string>();
        JsonNode? page = first;
        for (var pages = 0; page is not null; pages++)
        {
            Assert.True(pages < 10, "Page.Next never ended.");
            names.AddRange(Names(page["Items"]));
            page = (string?)page["Links"]!["Page.Next"] is { } next ? await GetJsonAsync(next.TrimStart('/')) : null;
        }

        Assert.Equal(Enumerable.Range(1, 65).Select(i => $"web-{i:00}"), names);
    }

    [Fact]
    public async Task Skip_and_take_select_a_page_and_next_keeps_the_filters()
    {
        for (var i = 1; i <= 5; i++)
        {
            Server.State.CreateMachine(Body(MachineBody($"db-{i}", "0E80576D3BD8D40854802A4F8340A2E23AE961FD")));
        }

        var page = await GetJsonAsync("api/Spaces-1/machines?partialName=db&skip=1&take=2");

        Assert.Equal(["db-2", "db-3"], Names(page["Items"]));
        Assert.Equal(3, (int?)page["NumberOfPages"]);
        Assert.Equal("/api/Spaces-1/machines?partialName=db&skip=3&take=2", (string?)page["Links"]!["Page.Next"]);
    }

    private static string[] Names(JsonNode? items) => [.. items!.AsArray().Select(i => (string)i!["Name"]!)];

    private static Resources.MachineBody Body(JsonObject json) =>
        System.Text.Json.JsonSerializer.Deserialize<Resources.MachineBody>(json.ToJsonString())!;
}
