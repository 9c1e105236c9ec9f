namespace Coordinator.Inventory.Tests;

public sealed class LoadingTests : IDisposable
{
    private readonly InventoryWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void A_minimal_inventory_gets_every_built_in_default()
    {
        var inventory = _workspace.Load("""
            octopus:
              url: https://octopus.example.com
              api-key: env:OCTOPUS_API_KEY
            environments:
              Production:
                hosts:
                  - name: web-01
                    address: Web-01.Example.com
                    os: linux
                    ssh: { identity: ~/.ssh/id_ed25519 }
            """);

        Assert.Equal("fleet.yaml", inventory.Source);
        Assert.Equal(new Uri("https://octopus.example.com"), inventory.Octopus.Url);
        Assert.Equal("env:OCTOPUS_API_KEY", inventory.Octopus.ApiKey.ToString());
        Assert.Null(inventory.Octopus.Space);
        Assert.Equal<string>(["Production"], inventory.Environments);

        var host = Assert.Single(inventory.Hosts);
        Assert.Equal("web-01", host.Name);
        Assert.Equal("Web-01.Example.com", host.Address);
        Assert.Equal(HostOs.Linux, host.Os);
        Assert.Equal("Production", host.Environment);
        Assert.Empty(host.Roles);
        Assert.Empty(host.Tenants);
        Assert.Equal("Default Machine Policy", host.MachinePolicy);
        Assert.Equal(
            new SshSettings("root", 22, _workspace.DefaultIdentity, HostKeyPolicy.AcceptNew, _workspace.PathOf("known_hosts"), TimeSpan.FromMinutes(10)),
            host.Ssh);
        Assert.Equal(
            new TentacleSettings("Tentacle", 10933, "any", null, "/opt/octopus/tentacle",
                "/etc/octopus/Tentacle/tentacle-Tentacle.config", "/etc/octopus/Tentacle", "/home/Octopus/Applications", HostOs.Linux),
            host.Tentacle);
        Assert.Equal("/opt/octopus/tentacle/Tentacle", host.Tentacle.Executable);
        Assert.Equal(new Uri("https://web-01.example.com:10933/"), host.ListeningUri);
        Assert.Equal("https://web-01.example.com:10933/", host.ListeningUri.ToString());
    }

    [Fact]
    public void A_windows_host_gets_the_windows_conventions()
    {
        var inventory = _workspace.Load("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults: { ssh: { identity: ~/.ssh/id_ed25519 } }
            environments:
              Production:
                hosts:
                  - { name: iis-01, address: 10.0.0.9, os: Windows }
            """);

        var host = Assert.Single(inventory.Hosts);
        Assert.Equal(HostOs.Windows, host.Os);
        Assert.Equal(
            new TentacleSettings("Tentacle", 10933, "any", null, @"C:\Program Files\Octopus Deploy\Tentacle",
                @"C:\Octopus\Tentacle.config", @"C:\Octopus", @"C:\Octopus\Applications", HostOs.Windows),
            host.Tentacle);
        Assert.Equal(@"C:\Program Files\Octopus Deploy\Tentacle\Tentacle.exe", host.Tentacle.Executable);
    }

    [Fact]
    public void On_linux_the_configuration_file_and_home_follow_the_instance_name()
    {
        var inventory = _workspace.Load(SampleInventory.WithDefaults("tentacle: { instance: Web }"));

        var tentacle = Assert.Single(inventory.Hosts).Tentacle;
        Assert.Equal("Web", tentacle.Instance);
        Assert.Equal("/etc/octopus/Web/tentacle-Web.config", tentacle.ConfigurationFile);
        Assert.Equal("/etc/octopus/Web", tentacle.HomeDirectory);
    }

    [Fact]
    public void The_home_directory_defaults_to_the_folder_of_a_configuration_file_that_was_set()
    {
        var inventory = _workspace.Load(SampleInventory.WithHost("tentacle: { linux: { config: /srv/tentacle/web.config } }"));

        var tentacle = Assert.Single(inventory.Hosts).Tentacle;
        Assert.Equal("/srv/tentacle/web.config", tentacle.ConfigurationFile);
        Assert.Equal("/srv/tentacle", tentacle.HomeDirectory);
    }

    [Fact]
    public void A_host_setting_beats_the_defaults_which_beat_the_built_in_defaults()
    {
        var inventory = _workspace.Load("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults:
              ssh: { identity: ~/.ssh/id_ed25519, user: deploy, port: 2222, command-timeout: 1h30m }
              machine-policy: Long Lived
              roles: [base]
              tenants: [Acme]
              tentacle:
                listen-port: 10940
                listen-address: 10.9.0.1
                linux: { app: /srv/apps }
            environments:
              Production:
                hosts:
                  - name: web-01
                    address: 10.0.0.5
                    os: linux
                    roles: [web-server, ' cache ', web-server]
                    tenants: []
                    ssh: { port: 2200 }
                    tentacle: { linux: { app: /data/apps }, listen-address: any }
                  - { name: web-02, address: 10.0.0.6, os: linux }
            """);

        var overriding = inventory.Hosts[0];
        Assert.Equal<string>(["web-server", "cache"], overriding.Roles);
        Assert.Empty(overriding.Tenants);
        Assert.Equal(2200, overriding.Ssh.Port);
        Assert.Equal("deploy", overriding.Ssh.User);
        Assert.Equal(TimeSpan.FromMinutes(90), overriding.Ssh.CommandTimeout);
        Assert.Equal("Long Lived", overriding.MachinePolicy);
        Assert.Equal(10940, overriding.Tentacle.ListenPort);
        Assert.Equal("any", overriding.Tentacle.ListenAddress);
        Assert.Equal("/data/apps", overriding.Tentacle.ApplicationDirectory);
        Assert.Equal("/opt/octopus/tentacle", overriding.Tentacle.InstallDirectory);
        Assert.Equal(new Uri("https://10.0.0.5:10940/"), overriding.ListeningUri);

        var inheriting = inventory.Hosts[1];
        Assert.Equal<string>(["base"], inheriting.Roles);
        Assert.Equal<string>(["Acme"], inheriting.Tenants);
        Assert.Equal(2222, inheriting.Ssh.Port);
        Assert.Equal("10.9.0.1", inheriting.Tentacle.ListenAddress);
        Assert.Equal("/srv/apps", inheriting.Tentacle.ApplicationDirectory);
        Assert.Equal(HostKeyPolicy.AcceptNew, inheriting.Ssh.HostKeyPolicy);
    }

    [Fact]
    public void Local_paths_resolve_against_the_inventory_directory_and_the_home_directory()
    {
        _workspace.CreateFile("keys/web_ed25519");
        _workspace.CreateFile("installers/tentacle.tar.gz");
        _workspace.CreateFile("secrets/api-key");
        var absoluteKey = _workspace.CreateFile("elsewhere/absolute_ed25519");
        var inventory = _workspace.Load($$"""
            octopus:
              url: https://octopus.example.com
              api-key: file:secrets/../secrets/api-key
            defaults:
              ssh: { identity: ./keys/web_ed25519, known-hosts: ~/known_hosts }
              tentacle: { installers: { linux: installers/tentacle.tar.gz } }
            environments:
              Production:
                hosts:
                  - { name: web-01, address: 10.0.0.5, os: linux }
                  - { name: web-02, address: 10.0.0.6, os: linux, ssh: { identity: '{{absoluteKey}}' } }
            """);

        Assert.Equal("file:" + _workspace.PathOf("secrets/api-key"), inventory.Octopus.ApiKey.ToString());
        Assert.Equal(_workspace.PathOf("keys/web_ed25519"), inventory.Hosts[0].Ssh.IdentityFile);
        Assert.Equal(Path.Combine(_workspace.Home, "known_hosts"), inventory.Hosts[0].Ssh.KnownHostsFile);
        Assert.Equal(_workspace.PathOf("installers/tentacle.tar.gz"), inventory.Hosts[0].Tentacle.InstallerFile);
        Assert.Equal(absoluteKey, inventory.Hosts[1].Ssh.IdentityFile);
    }

    [Fact]
    public void Loading_a_file_resolves_its_paths_against_its_own_directory_not_the_working_directory()
    {
        _workspace.CreateFile("inventories/keys/id_ed25519");
        var path = _workspace.CreateFile("inventories/fleet.yaml", """
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults: { ssh: { identity: keys/id_ed25519 } }
            environments:
              Production:
                hosts:
                  - { name: web-01, address: 10.0.0.5, os: linux }
            """);

        var result = InventoryLoader.Load(path);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(path, result.Inventory.Source);
        Assert.Equal(_workspace.PathOf("inventories/keys/id_ed25519"), result.Inventory.Hosts[0].Ssh.IdentityFile);
        Assert.Equal(_workspace.PathOf("inventories/known_hosts"), result.Inventory.Hosts[0].Ssh.KnownHostsFile);
    }

    [Fact]
    public void Loading_a_missing_file_names_it()
    {
        var path = _workspace.PathOf("nowhere/fleet.yaml");

        var error = Assert.Single(InventoryLoader.Load(path).Errors);

        Assert.Equal($"{path}: the inventory file does not exist: {path}", error.ToString());
    }

    [Fact]
    public void The_listening_uri_lower_cases_the_address_and_brackets_ipv6()
    {
        var inventory = _workspace.Load("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults: { ssh: { identity: ~/.ssh/id_ed25519 } }
            environments:
              Production:
                hosts:
                  - { name: web-01, address: WEB-01.EXAMPLE.COM, os: linux, tentacle: { listen-port: 10950 } }
                  - { name: web-02, address: 'FD00::5', os: linux }
            """);

        Assert.Equal("https://web-01.example.com:10950/", inventory.Hosts[0].ListeningUri.ToString());
        Assert.Equal("https://[fd00::5]:10933/", inventory.Hosts[1].ListeningUri.ToString());
    }

    [Theory]
    [InlineData("accept-new")]
    [InlineData("off")]
    public void A_missing_known_hosts_file_is_fine_when_the_policy_does_not_need_it(string policy)
    {
        var host = _workspace.Load(SampleInventory.WithHost($"ssh: {{ host-key-policy: {policy}, known-hosts: ./known_hosts }}")).Hosts[0];

        Assert.Equal(_workspace.PathOf("known_hosts"), host.Ssh.KnownHostsFile);
        Assert.False(File.Exists(host.Ssh.KnownHostsFile));
    }

    [Fact]
    public void An_existing_known_hosts_file_satisfies_the_strict_policy()
    {
        var knownHosts = _workspace.CreateFile("known_hosts", "10.0.0.5 ssh-ed25519 AAAA\n");

        var host = _workspace.Load(SampleInventory.WithHost("ssh: { host-key-policy: strict }")).Hosts[0];

        Assert.Equal(HostKeyPolicy.Strict, host.Ssh.HostKeyPolicy);
        Assert.Equal(knownHosts, host.Ssh.KnownHostsFile);
    }

    [Fact]
    public void Hosts_compare_by_their_settings_so_a_changed_inventory_shows()
    {
        var first = _workspace.Load(SampleInventory.WithHost("roles: [web-server]")).Hosts[0];
        var again = _workspace.Load(SampleInventory.WithHost("roles: [web-server]")).Hosts[0];
        var changed = _workspace.Load(SampleInventory.WithHost("roles: [web-server, cache]")).Hosts[0];

        Assert.Equal(first, again);
        Assert.Equal(first.GetHashCode(), again.GetHashCode());
        Assert.NotEqual(first, changed);
        Assert.Contains("Roles = [web-server, cache]", changed.ToString(), StringComparison.Ordinal);
    }
}
