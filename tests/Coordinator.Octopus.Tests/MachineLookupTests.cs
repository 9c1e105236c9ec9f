namespace Coordinator.Octopus.Tests;

public sealed class MachineLookupTests : OctopusTest
{
    [Fact]
    public async Task Machines_are_found_by_thumbprint_through_the_all_collection()
    {
        var thumbprint = NewThumbprint();
        var ours = Seed("web-01", thumbprint);
        Seed("web-02", NewThumbprint());

        var found = await Client.Machines.FindByThumbprintAsync(thumbprint);

        var machine = Assert.Single(found);
        Assert.Equal(ours.Id, machine.Id);
        Assert.Equal("web-01", machine.Name);
        Assert.Equal(thumbprint, machine.Thumbprint);
        Assert.Single(RequestsTo("GET", $"/api/Spaces-1/machines/all?thumbprint={thumbprint}"));
    }

    [Fact]
    public async Task A_thumbprint_matches_only_in_the_exact_case_octopus_pins()
    {
        var thumbprint = NewThumbprint();
        Seed("web-01", thumbprint.ToLowerInvariant());

        Assert.Empty(await Client.Machines.FindByThumbprintAsync(thumbprint));
    }

    [Fact]
    public async Task Machines_are_found_by_exact_trimmed_name_in_any_case()
    {
        var ours = Seed("web-01", NewThumbprint());
        Seed("web-010", NewThumbprint());

        var found = await Client.Machines.FindByNameAsync(" WEB-01 ");

        Assert.Equal(ours.Id, Assert.Single(found).Id);
        Assert.Single(RequestsTo("GET", "/api/Spaces-1/machines?name=WEB-01"));
    }

    [Fact]
    public async Task A_missing_machine_is_null_and_deleting_it_twice_reports_it_gone()
    {
        var seeded = Seed("web-01", NewThumbprint());
        var machine = await Client.Machines.GetAsync(seeded.Id);

        Assert.NotNull(machine);
        Assert.True(await Client.Machines.DeleteAsync(machine));
        Assert.False(await Client.Machines.DeleteAsync(machine));
        Assert.Null(await Client.Machines.GetAsync(seeded.Id));
        Assert.Empty(Server.State.Machines);
    }
}
