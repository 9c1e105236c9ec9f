using OctopusServer.Double.Resources;
using OctopusServer.Double.State;

namespace Coordinator.Octopus.Tests;

/// <summary>The registration rule: by thumbprint first, then by name; PUT or POST; never a duplicate, never someone else's record.</summary>
public sealed class RegistrationTests : OctopusTest
{
    private MachineRegistration Registration => new(Client);

    [Fact]
    public async Task A_new_machine_is_created_as_a_listening_tentacle_with_a_lower_cased_host()
    {
        var thumbprint = NewThumbprint();

        var outcome = await Registration.RegisterAsync(
            Desired("web-01", thumbprint, host: "WEB-01.Example.COM", port: 10934, environments: ["production", " Staging "], roles: ["web-server", "iis"]));

        var created = Assert.IsType<RegistrationOutcome.Created>(outcome);
        var machine = Assert.Single(Server.State.Machines);
        Assert.Equal(machine.Id, created.MachineId);
        Assert.Equal("web-01", machine.Name);
        Assert.Equal(CommunicationStyles.TentaclePassive, machine.Endpoint.CommunicationStyle);
        Assert.Equal("https://web-01.example.com:10934/", machine.Endpoint.Uri);
        Assert.Equal(thumbprint, machine.Endpoint.Thumbprint);
        Assert.Equal([EnvironmentId("Production"), EnvironmentId("Staging")], machine.EnvironmentIds);
        Assert.Equal(["web-server", "iis"], machine.Roles);
        Assert.Equal(OctopusState.DefaultMachinePolicyId, machine.MachinePolicyId);
        Assert.Equal("Untenanted", machine.TenantedDeploymentParticipation);
        Assert.Single(RequestsTo("POST", "/api/Spaces-1/machines"));
    }

    [Fact]
    public async Task Registering_the_same_machine_again_writes_nothing()
    {
        var desired = Desired("web-01", NewThumbprint());
        var created = Assert.IsType<RegistrationOutcome.Created>(await Registration.RegisterAsync(desired));
        Server.Requests.Clear();

        var outcome = await Registration.RegisterAsync(desired);

        Assert.Equal(new RegistrationOutcome.Unchanged(created.MachineId), outcome);
        Assert.DoesNotContain(Server.Requests.Entries, e => e.Method != "GET");
        Assert.Single(Server.State.Machines);
    }

    [Fact]
    public async Task Changed_roles_are_put_back_with_the_fields_the_coordinator_does_not_manage_kept()
    {
        var desired = Desired("web-01", NewThumbprint());
        var created = Assert.IsType<RegistrationOutcome.Created>(await Registration.RegisterAsync(desired));
        var before = Server.State.FindMachine(created.MachineId)!;
        Server.State.UpdateMachine(before.Id, Body(before) with { TenantTags = ["Region/EU"], IsDisabled = true });
        Server.Requests.Clear();

        var outcome = await Registration.RegisterAsync(desired with { Roles = ["web-server", "db-server"] });

        var updated = Assert.IsType<RegistrationOutcome.Updated>(outcome);
        Assert.Equal(created.MachineId, updated.MachineId);
        var change = Assert.Single(updated.Changes);
        Assert.Equal(new MachineChange("Roles", "web-server", "web-server, db-server"), change);
        Assert.Single(RequestsTo("PUT", $"/api/Spaces-1/machines/{created.MachineId}"));
        var after = Assert.Single(Server.State.Machines);
        Assert.Equal(["web-server", "db-server"], after.Roles);
        Assert.Equal(["Region/EU"], after.TenantTags);
        Assert.True(after.IsDisabled);
        Assert.Equal(before.Endpoint, after.Endpoint);
        Assert.Equal(before.EnvironmentIds, after.EnvironmentIds);
    }

    [Fact]
    public async Task A_moved_host_updates_the_endpoint_uri_of_the_record_its_thumbprint_finds()
    {
        var desired = Desired("web-01", NewThumbprint(), host: "web-01.example.com");
        var created = Assert.IsType<RegistrationOutcome.Created>(await Registration.RegisterAsync(desired));

        var outcome = await Registration.RegisterAsync(desired with { Host = "web-01.new.example.com", Port = 10935 });

        var updated = Assert.IsType<RegistrationOutcome.Updated>(outcome);
        Assert.Equal(
            new MachineChange("Uri", "https://web-01.example.com:10933/", "https://web-01.new.example.com:10935/"),
            Assert.Single(updated.Changes));
        Assert.Equal("https://web-01.new.example.com:10935/", Server.State.FindMachine(created.MachineId)!.Endpoint.Uri);
    }

    [Fact]
    public async Task A_rename_onto_another_machines_name_fails_instead_of_clashing()
    {
        var thumbprint = NewThumbprint();
        var ours = Seed("web-01-old", thumbprint, uri: "https://web-01.example.com:10933/");
        var other = Seed("web-01", NewThumbprint());

        var outcome = await Registration.RegisterAsync(Desired("web-01", thumbprint, environments: ["Development"]));

        var failed = Assert.IsType<RegistrationOutcome.Failed>(outcome);
        Assert.Equal(RegistrationFailure.NameTaken, failed.Reason);
        Assert.Contains($"{ours.Id} 'web-01-old'", failed.Message);
        Assert.Contains($"{other.Id} 'web-01'", failed.Message);
        Assert.DoesNotContain(Server.Requests.Entries, e => e.Method != "GET");
    }

    [Fact]
    public async Task Several_records_with_the_thumbprint_fail_listing_every_one_and_writing_nothing()
    {
        var thumbprint = NewThumbprint();
        var first = Seed("web-01", thumbprint);
        var clone = Seed("web-01-clone", thumbprint);

        var outcome = await Registration.RegisterAsync(Desired("web-01", thumbprint));

        var failed = Assert.IsType<RegistrationOutcome.Failed>(outcome);
        Assert.Equal(RegistrationFailure.DuplicateThumbprint, failed.Reason);
        Assert.Contains($"{first.Id} 'web-01'", failed.Message);
        Assert.Contains($"{clone.Id} 'web-01-clone'", failed.Message);
        Assert.Contains(thumbprint, failed.Message);
        Assert.DoesNotContain(Server.Requests.Entries, e => e.Method != "GET");
    }

    [Fact]
    public async Task A_record_with_the_name_and_another_thumbprint_is_left_alone_and_the_flag_is_explained()
    {
        var theirs = NewThumbprint();
        var other = Seed("web-01", theirs);

        var outcome = await Registration.RegisterAsync(Desired("web-01", NewThumbprint()));

        var failed = Assert.IsType<RegistrationOutcome.Failed>(outcome);
        Assert.Equal(RegistrationFailure.NameTaken, failed.Reason);
        Assert.Contains(other.Id, failed.Message);
        Assert.Contains(theirs, failed.Message);
        Assert.Contains("--replace-existing", failed.Message);
        Assert.DoesNotContain(Server.Requests.Entries, e => e.Method != "GET");
        Assert.Equal(other, Assert.Single(Server.State.Machines));
    }

    [Fact]
    public async Task With_replace_existing_the_named_record_is_taken_over_keeping_its_id()
    {
        var other = Seed("web-01", NewThumbprint(), uri: "https://old-web-01.example.com:10933/");
        var ours = NewThumbprint();

        var outcome = await Registration.RegisterAsync(Desired("web-01", ours), replaceExisting: true);

        var updated = Assert.IsType<RegistrationOutcome.Updated>(outcome);
        Assert.Equal(other.Id, updated.MachineId);
        Assert.Contains(updated.Changes, c => c.Field == "Thumbprint" && c.After == ours);
        Assert.Contains(updated.Changes, c => c.Field == "Uri" && c.After == "https://web-01.example.com:10933/");
        var machine = Assert.Single(Server.State.Machines);
        Assert.Equal(other.Id, machine.Id);
        Assert.Equal(ours, machine.Endpoint.Thumbprint);
        Assert.Equal(other.Endpoint.Id, machine.Endpoint.Id);
        Assert.Empty(RequestsTo("POST", "/api"));
    }

    [Fact]
    public async Task A_record_pinned_to_our_thumbprint_in_lower_case_is_ours_and_gets_the_exact_case()
    {
        var thumbprint = NewThumbprint();
        var seeded = Seed("web-01", thumbprint.ToLowerInvariant(), uri: "https://web-01.example.com:10933/");

        var outcome = await Registration.RegisterAsync(Desired("web-01", thumbprint, environments: ["Development"]));

        var updated = Assert.IsType<RegistrationOutcome.Updated>(outcome);
        Assert.Equal(seeded.Id, updated.MachineId);
        Assert.Equal(thumbprint, Server.State.FindMachine(seeded.Id)!.Endpoint.Thumbprint);
    }

    [Fact]
    public async Task A_polling_record_with_the_thumbprint_is_not_turned_into_a_listening_one()
    {
        var thumbprint = NewThumbprint();
        Seed("web-01", thumbprint, uri: "poll://abcdefghij/", style: CommunicationStyles.TentacleActive);

        var outcome = await Registration.RegisterAsync(Desired("web-01", thumbprint));

        var failed = Assert.IsType<RegistrationOutcome.Failed>(outcome);
        Assert.Equal(RegistrationFailure.EndpointTypeMismatch, failed.Reason);
        Assert.Contains("coord forget", failed.Message);
    }

    [Fact]
    public async Task Unknown_environments_fail_before_any_machine_is_looked_at()
    {
        var outcome = await Registration.RegisterAsync(Desired("web-01", NewThumbprint(), environments: ["Production", "QA"]));

        var failed = Assert.IsType<RegistrationOutcome.Failed>(outcome);
        Assert.Equal(RegistrationFailure.UnknownEnvironment, failed.Reason);
        Assert.Equal("Octopus space 'Default' has no environment named 'QA'. Its environments are: Development, Staging, Production.", failed.Message);
        Assert.Empty(RequestsTo("GET", "/api/Spaces-1/machines"));
        Assert.Empty(Server.State.Machines);
    }

    [Fact]
    public async Task Many_hosts_registering_at_once_resolve_their_environment_and_policy_names_once_and_a_failed_lookup_is_not_kept()
    {
        var registration = Registration;

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => registration.RegisterAsync(Desired($"web-{i:00}", NewThumbprint()))));
        var missing = await registration.RegisterAsync(Desired("web-21", NewThumbprint(), environments: ["QA"]));
        Server.State.AddEnvironment("QA");
        var afterCreated = await registration.RegisterAsync(Desired("web-22", NewThumbprint(), environments: ["QA"]));

        Assert.All(outcomes, outcome => Assert.IsType<RegistrationOutcome.Created>(outcome));
        Assert.Equal(21, Server.State.Machines.Count);
        var environmentLookups = RequestsTo("GET", "/api/Spaces-1/environments");
        Assert.Single(environmentLookups, r => r.PathAndQuery.Contains("partialName=Production", StringComparison.Ordinal));
        Assert.Equal(2, environmentLookups.Count(r => r.PathAndQuery.Contains("partialName=QA", StringComparison.Ordinal)));
        Assert.Single(RequestsTo("GET", "/api/Spaces-1/machinepolicies"), r => !r.PathAndQuery.Contains("partialName", StringComparison.Ordinal));
        Assert.Equal(RegistrationFailure.UnknownEnvironment, Assert.IsType<RegistrationOutcome.Failed>(missing).Reason);
        Assert.IsType<RegistrationOutcome.Created>(afterCreated);
    }

    [Fact]
    public async Task An_unknown_machine_policy_fails_naming_it()
    {
        var outcome = await Registration.RegisterAsync(Desired("web-01", NewThumbprint(), policy: "Windows Fleet"));

        var failed = Assert.IsType<RegistrationOutcome.Failed>(outcome);
        Assert.Equal(RegistrationFailure.UnknownMachinePolicy, failed.Reason);
        Assert.Contains("'Windows Fleet'", failed.Message);
        Assert.Contains("Default Machine Policy", failed.Message);
    }

    [Fact]
    public async Task A_named_policy_and_tenants_are_applied()
    {
        var policy = Server.State.AddMachinePolicy("Linux Fleet");

        var outcome = await Registration.RegisterAsync(Desired("web-01", NewThumbprint(), tenantIds: ["Tenants-1"], policy: "linux fleet"));

        var machine = Server.State.FindMachine(Assert.IsType<RegistrationOutcome.Created>(outcome).MachineId)!;
        Assert.Equal(policy.Id, machine.MachinePolicyId);
        Assert.Equal(["Tenants-1"], machine.TenantIds);
        Assert.Equal("TenantedOrUntenanted", machine.TenantedDeploymentParticipation);
    }

    [Fact]
    public async Task Forgetting_by_thumbprint_or_by_id_deletes_the_record()
    {
        var byThumbprint = NewThumbprint();
        var first = Seed("web-01", byThumbprint);
        var second = Seed("web-02", NewThumbprint());

        Assert.Equal(new DeregistrationOutcome.Deleted(first.Id, "web-01"), await Registration.DeregisterAsync(byThumbprint.ToLowerInvariant()));
        Assert.Equal(new DeregistrationOutcome.Deleted(second.Id, "web-02"), await Registration.DeregisterAsync(second.Id));
        Assert.Equal(new DeregistrationOutcome.NotFound(second.Id), await Registration.DeregisterAsync(second.Id));
        Assert.Equal(new DeregistrationOutcome.NotFound(byThumbprint), await Registration.DeregisterAsync(byThumbprint));
        Assert.Empty(Server.State.Machines);
    }

    [Fact]
    public async Task Forgetting_a_shared_thumbprint_deletes_nothing()
    {
        var thumbprint = NewThumbprint();
        Seed("web-01", thumbprint);
        Seed("web-01-clone", thumbprint);

        var outcome = await Registration.DeregisterAsync(thumbprint);

        Assert.Contains("pass its machine id", Assert.IsType<DeregistrationOutcome.Failed>(outcome).Message);
        Assert.Equal(2, Server.State.Machines.Count);
    }

    [Fact]
    public async Task Forgetting_something_that_is_neither_an_id_nor_a_thumbprint_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Registration.DeregisterAsync("web-01"));
    }

    private static MachineBody Body(MachineRecord machine) => new()
    {
        Name = machine.Name,
        EnvironmentIds = machine.EnvironmentIds,
        Roles = machine.Roles,
        TenantIds = machine.TenantIds,
        TenantTags = machine.TenantTags,
        TenantedDeploymentParticipation = machine.TenantedDeploymentParticipation,
        MachinePolicyId = machine.MachinePolicyId,
        IsDisabled = machine.IsDisabled,
        Endpoint = new EndpointBody
        {
            CommunicationStyle = machine.Endpoint.CommunicationStyle,
            Uri = machine.Endpoint.Uri,
            Thumbprint = machine.Endpoint.Thumbprint,
            ProxyId = machine.Endpoint.ProxyId,
        },
    };
}
