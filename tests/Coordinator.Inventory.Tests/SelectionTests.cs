namespace Coordinator.Inventory.Tests;

public sealed class SelectionTests : IDisposable
{
    private readonly InventoryWorkspace _workspace = new();
    private readonly FleetInventory _inventory;

    public SelectionTests()
    {
        _inventory = _workspace.Load("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults: { ssh: { identity: ~/.ssh/id_ed25519 } }
            environments:
              Production:
                hosts:
                  - { name: web-01, address: 10.0.0.1, os: linux }
                  - { name: web-02, address: 10.0.0.2, os: linux }
                  - { name: web-03, address: 10.0.0.3, os: linux }
              Staging:
                hosts:
                  - { name: stage-01, address: 10.1.0.1, os: linux }
            """);
    }

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Selecting_hosts_of_an_environment_keeps_file_order()
    {
        var selected = _inventory.Select(environment: "Production", hosts: ["web-02", "web-01"]);

        Assert.Equal(["web-01", "web-02"], selected.Hosts.Select(h => h.Name));
        Assert.Equal<string>(["Production"], selected.Environments);
        Assert.Same(_inventory.Octopus, selected.Octopus);
    }

    [Fact]
    public void Selecting_an_environment_takes_all_its_hosts_ignoring_case()
    {
        var selected = _inventory.Select(environment: "production");

        Assert.Equal(["web-01", "web-02", "web-03"], selected.Hosts.Select(h => h.Name));
    }

    [Fact]
    public void Selecting_hosts_without_an_environment_spans_environments()
    {
        var selected = _inventory.Select(hosts: ["STAGE-01", "web-03"]);

        Assert.Equal(["web-03", "stage-01"], selected.Hosts.Select(h => h.Name));
        Assert.Equal<string>(["Production", "Staging"], selected.Environments);
    }

    [Fact]
    public void Selecting_nothing_keeps_everything()
    {
        Assert.Equal<InventoryHost>(_inventory.Hosts, _inventory.Select(hosts: []).Hosts);
        Assert.Equal<InventoryHost>(_inventory.Hosts, _inventory.Select().Hosts);
    }

    [Fact]
    public void An_unknown_environment_is_reported_with_a_suggestion()
    {
        var error = Assert.Throws<InventorySelectionException>(() => _inventory.Select(environment: "Producton"));

        Assert.Equal("unknown environment 'Producton' — did you mean 'Production'? (the inventory has: Production, Staging)", error.Message);
    }

    [Fact]
    public void Every_unknown_or_misplaced_host_is_reported_at_once()
    {
        var error = Assert.Throws<InventorySelectionException>(
            () => _inventory.Select(environment: "Production", hosts: ["web-01", "web-10", "stage-01", "db-01"]));

        Assert.Equal(
        [
            "unknown host 'web-10' — did you mean 'web-01'? (the inventory has: web-01, web-02, web-03, stage-01)",
            "host 'stage-01' is in environment 'Staging', not 'Production'",
            "unknown host 'db-01' (the inventory has: web-01, web-02, web-03, stage-01)",
        ], error.Problems);
    }
}
