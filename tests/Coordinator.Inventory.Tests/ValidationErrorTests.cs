namespace Coordinator.Inventory.Tests;

/// <summary>Each kind of mistake an operator makes, with the exact line, column and message they see.</summary>
public sealed class ValidationErrorTests : IDisposable
{
    private readonly InventoryWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void A_misspelt_host_key_is_reported_with_a_suggestion()
    {
        Assert.Equal(
            ["fleet.yaml:13:9: unknown key 'rolse' in host 'web-01' — did you mean 'roles'?"],
            _workspace.Errors(SampleInventory.WithHost("rolse: [web-server]")));
    }

    [Theory]
    [InlineData("ssh: { prot: 2222 }", "fleet.yaml:13:16: unknown key 'prot' in 'ssh' of host 'web-01' — did you mean 'port'?")]
    [InlineData("tentacle: { listenPort: 10933 }", "fleet.yaml:13:21: unknown key 'listenPort' in 'tentacle' of host 'web-01' — did you mean 'listen-port'?")]
    [InlineData("machine_policy: P", "fleet.yaml:13:9: unknown key 'machine_policy' in host 'web-01' — did you mean 'machine-policy'?")]
    [InlineData("Roles: [a]", "fleet.yaml:13:9: unknown key 'Roles' in host 'web-01' — did you mean 'roles'?")]
    [InlineData("tentacle: { linux: { confg: /etc/t.config } }", "fleet.yaml:13:30: unknown key 'confg' in 'tentacle.linux' of host 'web-01' — did you mean 'config'?")]
    public void Unknown_keys_are_reported_at_every_level_with_the_closest_known_key(string hostLine, string expected)
    {
        Assert.Equal([expected], _workspace.Errors(SampleInventory.WithHost(hostLine)));
    }

    [Fact]
    public void An_unknown_key_without_a_close_match_lists_the_keys_that_are_allowed()
    {
        Assert.Equal(
            ["fleet.yaml:7:3: unknown key 'colour' in 'defaults'; expected one of: ssh, machine-policy, roles, tenants, tentacle, iis"],
            _workspace.Errors(SampleInventory.WithDefaults("colour: blue")));
    }

    [Fact]
    public void A_misspelt_top_level_section_is_reported_with_what_is_then_missing()
    {
        var errors = _workspace.Errors("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults: { ssh: { identity: ~/.ssh/id_ed25519 } }
            enviroments:
              Production:
                hosts: [{ name: web-01, address: 10.0.0.5, os: linux }]
            """);

        Assert.Equal(
        [
            "fleet.yaml:1:1: the inventory has no 'environments': add environments: a mapping of environment names to their hosts",
            "fleet.yaml:3:1: unknown key 'enviroments' at the top level — did you mean 'environments'?",
        ], errors);
    }

    [Theory]
    [InlineData("roles: web-server", "fleet.yaml:13:16: 'roles' of host 'web-01' must be a list such as [web-server, app-server], found 'web-server'")]
    [InlineData("tenants: { name: Acme }", "fleet.yaml:13:18: 'tenants' of host 'web-01' must be a list such as [Acme, Globex], found a mapping")]
    [InlineData("machine-policy: [a, b]", "fleet.yaml:13:25: 'machine-policy' of host 'web-01' must be a single value, found a list")]
    [InlineData("ssh: identity", "fleet.yaml:13:14: 'ssh' of host 'web-01' must be a mapping of keys to values, found 'identity'")]
    [InlineData("ssh: { port: twenty-two }", "fleet.yaml:13:22: 'ssh.port' of host 'web-01' must be a port number from 1 to 65535, found 'twenty-two'")]
    [InlineData("ssh: { port: 0 }", "fleet.yaml:13:22: 'ssh.port' of host 'web-01' must be a port number from 1 to 65535, found '0'")]
    [InlineData("tentacle: { listen-port: 70000 }", "fleet.yaml:13:34: 'tentacle.listen-port' of host 'web-01' must be a port number from 1 to 65535, found '70000'")]
    [InlineData("tentacle: { listen-address: 10.1 }", "fleet.yaml:13:37: 'tentacle.listen-address' of host 'web-01' must be 'any' or an IP address, found '10.1'")]
    [InlineData("tentacle: { instance: 'My Tentacle' }", "fleet.yaml:13:31: 'tentacle.instance' of host 'web-01' must start with a letter or digit and contain only letters, digits, '.', '-' and '_', found 'My Tentacle'")]
    [InlineData("tentacle: { linux: { app: apps } }", "fleet.yaml:13:35: 'tentacle.linux.app' of host 'web-01' must be an absolute Linux path (starting with /), found 'apps'")]
    [InlineData("ssh: { host-key-policy: lax }", "fleet.yaml:13:33: 'ssh.host-key-policy' of host 'web-01' must be strict, accept-new or off, found 'lax'")]
    [InlineData("ssh: { host-key-policy: acept-new }", "fleet.yaml:13:33: 'ssh.host-key-policy' of host 'web-01' must be strict, accept-new or off, found 'acept-new' — did you mean 'accept-new'?")]
    [InlineData("ssh: { command-timeout: 10 minutes }", "fleet.yaml:13:33: 'ssh.command-timeout' of host 'web-01' must be a duration such as 90s, 10m or 1h30m, found '10 minutes'")]
    [InlineData("ssh: { user: 'deploy user' }", "fleet.yaml:13:22: 'ssh.user' of host 'web-01' must not contain spaces, found 'deploy user'")]
    [InlineData("roles: [web, '  ']", "fleet.yaml:13:22: 'roles' of host 'web-01' must hold non-empty names only")]
    [InlineData("roles:", "fleet.yaml:13:9: 'roles' of host 'web-01' has no value: write roles: [] for none")]
    [InlineData("machine-policy: ''", "fleet.yaml:13:25: 'machine-policy' of host 'web-01' is empty")]
    [InlineData("tentacle: { windows: { app: 'C:\\Apps' } }", "fleet.yaml:13:21: 'tentacle.windows' of host 'web-01' does not apply to a linux host: remove it, or change the host's os")]
    [InlineData("tentacle: { installers: { windows: ./Octopus.Tentacle.msi } }", "fleet.yaml:13:35: 'tentacle.installers.windows' of host 'web-01' does not apply to a linux host: remove it, or change the host's os")]
    [InlineData("address: 10.0.0.6", "fleet.yaml:13:9: duplicate key 'address' in host 'web-01' (first at line 11)")]
    [InlineData("<<: { roles: [a] }", "fleet.yaml:13:9: YAML merge keys ('<<') are not supported in host 'web-01': put shared settings under 'defaults'")]
    public void Wrong_values_in_a_host_are_reported_where_they_are_written(string hostLine, string expected)
    {
        Assert.Equal([expected], _workspace.Errors(SampleInventory.WithHost(hostLine)));
    }

    [Theory]
    [InlineData("tentacle: { listen-port: 70000 }", "fleet.yaml:7:28: 'defaults.tentacle.listen-port' must be a port number from 1 to 65535, found '70000'")]
    [InlineData("tentacle: { windows: { home: Octopus } }", "fleet.yaml:7:32: 'defaults.tentacle.windows.home' must be an absolute Windows path such as C:\\Octopus, found 'Octopus'")]
    [InlineData("ssh: { user: deploy }", "fleet.yaml:7:3: duplicate key 'ssh' in 'defaults' (first at line 5)")]
    public void Wrong_values_in_the_defaults_are_reported_once_where_they_are_written(string defaultsLine, string expected)
    {
        Assert.Equal([expected], _workspace.Errors(SampleInventory.WithDefaults(defaultsLine)));
    }

    [Theory]
    [InlineData("os: linx", "fleet.yaml:9:13: 'os' of host 'web-01' must be linux or windows, found 'linx' — did you mean 'linux'?")]
    [InlineData("os: solaris", "fleet.yaml:9:13: 'os' of host 'web-01' must be linux or windows, found 'solaris'")]
    [InlineData("name: 'web 01'", "fleet.yaml:7:15: 'name' of host 'web 01' must start with a letter or digit and contain only letters, digits, '.', '-' and '_', found 'web 01'")]
    [InlineData("address: '10.0.0.5:22'", "fleet.yaml:8:18: 'address' of host 'web-01' must be an IP address or a DNS name, found '10.0.0.5:22'")]
    public void Wrong_host_identity_fields_are_reported(string replacement, string expected)
    {
        var key = replacement[..replacement.IndexOf(':')];
        var lines = new Dictionary<string, string>
        {
            ["name"] = "name: web-01",
            ["address"] = "address: 10.0.0.5",
            ["os"] = "os: linux",
        };
        lines[key] = replacement;

        var errors = _workspace.Errors($"""
            octopus: {"{"} url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY {"}"}
            defaults: {"{"} ssh: {"{"} identity: ~/.ssh/id_ed25519 {"}"} {"}"}
            environments:
              Production:
                hosts:
                  -
                    {lines["name"]}
                    {lines["address"]}
                    {lines["os"]}
            """);

        Assert.Equal([expected], errors);
    }

    [Fact]
    public void Missing_octopus_settings_say_what_to_add()
    {
        var errors = _workspace.Errors("""
            octopus:
              space: Default
            defaults: { ssh: { identity: ~/.ssh/id_ed25519 } }
            environments:
              Production:
                hosts: [{ name: web-01, address: 10.0.0.5, os: linux }]
            """);

        Assert.Equal(
        [
            "fleet.yaml:1:1: 'octopus' has no 'url': add url: https://octopus.example.com",
            "fleet.yaml:1:1: 'octopus' has no 'api-key': add api-key: env:OCTOPUS_API_KEY (or file:PATH to a file holding the key)",
        ], errors);
    }

    [Fact]
    public void An_empty_octopus_section_says_what_it_needs()
    {
        var errors = _workspace.Errors(SampleInventory.With().Replace("octopus:\n  url: https://octopus.example.com\n  api-key: env:OCTOPUS_API_KEY\n", "octopus:\n"));

        Assert.Equal(["fleet.yaml:1:1: 'octopus' has no value: expected a mapping with url, api-key, space"], errors);
    }

    [Fact]
    public void A_missing_octopus_section_says_what_to_add()
    {
        var errors = _workspace.Errors("""
            environments:
              Production:
                hosts: [{ name: web-01, address: 10.0.0.5, os: linux, ssh: { identity: ~/.ssh/id_ed25519 } }]
            """);

        Assert.Equal(["fleet.yaml:1:1: the inventory has no 'octopus': add octopus: a section with url: and api-key:"], errors);
    }

    [Theory]
    [InlineData("octopus.example.com", "fleet.yaml:2:8: 'octopus.url' must be an absolute http or https URL such as https://octopus.example.com, found 'octopus.example.com'")]
    [InlineData("ftp://octopus.example.com", "fleet.yaml:2:8: 'octopus.url' must be an absolute http or https URL such as https://octopus.example.com, found 'ftp://octopus.example.com'")]
    public void The_server_url_must_be_an_absolute_http_url(string url, string expected)
    {
        var errors = _workspace.Errors(SampleInventory.With().Replace("https://octopus.example.com", url));

        Assert.Equal([expected], errors);
    }

    [Fact]
    public void Missing_host_fields_say_what_to_add()
    {
        var errors = _workspace.Errors("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults: { ssh: { identity: ~/.ssh/id_ed25519 } }
            environments:
              Production:
                hosts:
                  - roles: [web-server]
            """);

        Assert.Equal(
        [
            "fleet.yaml:6:9: host #1 of environment 'Production' has no 'name': add name: <the Octopus machine name, unique in the inventory>",
            "fleet.yaml:6:9: host #1 of environment 'Production' has no 'address': add address: <the IP address or DNS name that SSH and Octopus use to reach it>",
            "fleet.yaml:6:9: host #1 of environment 'Production' has no 'os': add os: linux (or windows)",
        ], errors);
    }

    [Fact]
    public void A_host_without_an_ssh_key_anywhere_says_where_to_add_one()
    {
        var errors = _workspace.Errors("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            environments:
              Production:
                hosts:
                  - { name: web-01, address: 10.0.0.5, os: linux }
            """);

        Assert.Equal(["fleet.yaml:5:9: host 'web-01' has no SSH key: add ssh.identity to the host or to defaults.ssh"], errors);
    }

    [Theory]
    [InlineData("environments: {}", "fleet.yaml:3:15: 'environments' is empty: add a mapping of environment names to their hosts, at least one with one host")]
    [InlineData("environments:", "fleet.yaml:3:1: 'environments' has no value: expected a mapping of environment names to their hosts")]
    [InlineData("environments: { Production: }", "fleet.yaml:3:17: environment 'Production' must be a mapping with 'hosts': a list of hosts, each with name, address and os")]
    [InlineData("environments: { Production: { hosts: [] } }", "fleet.yaml:3:38: 'hosts' of environment 'Production' is empty: add at least one host, with name, address and os")]
    [InlineData("environments: { Production: { hosts: web-01 } }", "fleet.yaml:3:38: 'hosts' of environment 'Production' must be a list such as [{ name: web-01, address: 10.0.0.5, os: linux }], found 'web-01'")]
    [InlineData("environments: { Production: { hosts: [web-01] } }", "fleet.yaml:3:39: host #1 of environment 'Production' must be a mapping with name, address and os")]
    public void An_inventory_needs_an_environment_with_a_host(string environments, string expected)
    {
        var errors = _workspace.Errors($"""
            octopus: {"{"} url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY {"}"}
            defaults: {"{"} ssh: {"{"} identity: ~/.ssh/id_ed25519 {"}"} {"}"}
            {environments}
            """);

        Assert.Equal([expected], errors);
    }

    [Fact]
    public void A_misspelt_hosts_key_is_reported_with_what_is_then_missing()
    {
        var errors = _workspace.Errors("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults: { ssh: { identity: ~/.ssh/id_ed25519 } }
            environments:
              Production:
                hots:
                  - { name: web-01, address: 10.0.0.5, os: linux }
            """);

        Assert.Equal(
        [
            "fleet.yaml:4:3: environment 'Production' has no 'hosts': add hosts: a list of hosts, each with name, address and os",
            "fleet.yaml:5:5: unknown key 'hots' in environment 'Production' — did you mean 'hosts'?",
        ], errors);
    }

    [Fact]
    public void An_empty_file_is_reported()
    {
        Assert.Equal(
            ["fleet.yaml:1:1: the inventory is empty: it needs 'octopus' (url, api-key) and 'environments' with at least one host"],
            _workspace.Errors("# nothing yet\n"));
    }

    [Fact]
    public void Duplicate_host_names_anywhere_in_the_file_name_both_lines()
    {
        var errors = _workspace.Errors("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults: { ssh: { identity: ~/.ssh/id_ed25519 } }
            environments:
              Production:
                hosts:
                  - { name: web-01, address: 10.0.0.5, os: linux }
              Staging:
                hosts:
                  - { name: WEB-01, address: 10.1.0.5, os: linux }
            """);

        Assert.Equal(
            ["fleet.yaml:9:17: host name 'WEB-01' is already used at line 6: host names must be unique across the inventory (ignoring case)"],
            errors);
    }

    [Fact]
    public void Duplicate_environment_names_are_reported_ignoring_case()
    {
        var errors = _workspace.Errors("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults: { ssh: { identity: ~/.ssh/id_ed25519 } }
            environments:
              Production:
                hosts: [{ name: web-01, address: 10.0.0.5, os: linux }]
              production:
                hosts: [{ name: web-02, address: 10.0.0.6, os: linux }]
            """);

        Assert.Equal(
            ["fleet.yaml:6:3: environment 'production' is already defined at line 4 (environment names are compared ignoring case)"],
            errors);
    }

    [Fact]
    public void Two_hosts_with_the_same_address_and_ssh_port_are_reported_once()
    {
        var errors = _workspace.Errors("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults: { ssh: { identity: ~/.ssh/id_ed25519 } }
            environments:
              Production:
                hosts:
                  - { name: web-01, address: web.example.com, os: linux }
                  - { name: web-02, address: WEB.example.com, os: linux, ssh: { port: 22 } }
            """);

        Assert.Equal(
            ["fleet.yaml:7:34: host 'web-02' has the same address and SSH port as host 'web-01' (line 6): web.example.com:22"],
            errors);
    }

    [Fact]
    public void Two_hosts_behind_one_address_need_different_tentacle_ports()
    {
        var errors = _workspace.Errors("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults: { ssh: { identity: ~/.ssh/id_ed25519 } }
            environments:
              Production:
                hosts:
                  - { name: web-01, address: 127.0.0.1, os: linux, ssh: { port: 2201 } }
                  - { name: web-02, address: 127.0.0.1, os: linux, ssh: { port: 2202 } }
            """);

        Assert.Equal(
            ["fleet.yaml:7:34: host 'web-02' has the same Tentacle URI as host 'web-01' (line 6): https://127.0.0.1:10933/"],
            errors);
    }

    [Fact]
    public void Hosts_behind_one_address_with_their_own_ports_are_valid()
    {
        var inventory = _workspace.Load("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults: { ssh: { identity: ~/.ssh/id_ed25519 } }
            environments:
              Production:
                hosts:
                  - { name: web-01, address: 127.0.0.1, os: linux, ssh: { port: 2201 }, tentacle: { listen-port: 10933 } }
                  - { name: web-02, address: 127.0.0.1, os: linux, ssh: { port: 2202 }, tentacle: { listen-port: 10934 } }
            """);

        Assert.Equal(2, inventory.Hosts.Length);
    }

    [Theory]
    [InlineData("API-ABCDEF1234567890")]
    [InlineData("API-ABC env:X")]
    public void An_inline_api_key_is_rejected_without_repeating_it(string inlineKey)
    {
        var errors = _workspace.Errors(SampleInventory.With().Replace("env:OCTOPUS_API_KEY", inlineKey));

        Assert.Equal(
            ["fleet.yaml:3:12: 'octopus.api-key' must say where the API key is kept, not hold the key itself: write env:NAME to read it from an environment variable, or file:PATH to read it from a file"],
            errors);
        Assert.DoesNotContain(errors, e => e.Contains("ABC", StringComparison.Ordinal));
    }

    [Fact]
    public void An_env_reference_must_name_a_variable()
    {
        var errors = _workspace.Errors(SampleInventory.With().Replace("env:OCTOPUS_API_KEY", "env:1-API-KEY"));

        Assert.Equal(
            ["fleet.yaml:3:12: 'octopus.api-key' must name an environment variable after 'env:' (letters, digits and '_', not starting with a digit), such as env:OCTOPUS_API_KEY"],
            errors);
    }

    [Fact]
    public void A_file_reference_to_a_missing_file_names_the_path_and_the_key()
    {
        var errors = _workspace.Errors(SampleInventory.With().Replace("env:OCTOPUS_API_KEY", "file:./secrets/octopus-api-key"));

        Assert.Equal(
            [$"fleet.yaml:3:12: 'octopus.api-key' names a file that does not exist: {_workspace.PathOf("secrets/octopus-api-key")}"],
            errors);
    }

    [Fact]
    public void Missing_or_unreadable_local_files_name_the_path_and_the_key()
    {
        Directory.CreateDirectory(_workspace.PathOf("installers"));

        var errors = _workspace.Errors(SampleInventory.With(
            defaults: ["tentacle: { installers: { linux: ./installers, windows: ~/Octopus.Tentacle.msi } }"],
            host: ["ssh: { identity: keys/web_ed25519 }"]));

        Assert.Equal(
        [
            $"fleet.yaml:7:36: 'defaults.tentacle.installers.linux' names a directory, not a file: {_workspace.PathOf("installers")}",
            $"fleet.yaml:7:59: 'defaults.tentacle.installers.windows' names a file that does not exist: {Path.Combine(_workspace.Home, "Octopus.Tentacle.msi")}",
            $"fleet.yaml:14:26: 'ssh.identity' of host 'web-01' names a file that does not exist: {_workspace.PathOf("keys/web_ed25519")}",
        ], errors);
    }

    [Fact]
    public void Strict_host_key_checking_needs_an_existing_known_hosts_file()
    {
        Assert.Equal(
            [$"fleet.yaml:13:33: the default known-hosts file names a file that does not exist: {_workspace.PathOf("known_hosts")}; host-key-policy strict needs it — create it (for example with ssh-keyscan), or use host-key-policy accept-new to record host keys on first contact"],
            _workspace.Errors(SampleInventory.WithHost("ssh: { host-key-policy: strict }")));
    }

    [Fact]
    public void A_known_hosts_file_shared_through_the_defaults_is_reported_once_and_only_for_hosts_that_check_keys()
    {
        var errors = _workspace.Errors("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults:
              ssh: { identity: ~/.ssh/id_ed25519, host-key-policy: strict, known-hosts: ssh/known_hosts }
            environments:
              Production:
                hosts:
                  - { name: web-01, address: 10.0.0.5, os: linux }
                  - { name: web-02, address: 10.0.0.6, os: linux }
                  - { name: web-03, address: 10.0.0.7, os: linux, ssh: { host-key-policy: off } }
            """);

        Assert.Equal(
            [$"fleet.yaml:3:77: 'defaults.ssh.known-hosts' names a file that does not exist: {_workspace.PathOf("ssh/known_hosts")}; host-key-policy strict needs it — create it (for example with ssh-keyscan), or use host-key-policy accept-new to record host keys on first contact"],
            errors);
    }

    [Fact]
    public void Accept_new_needs_a_directory_to_create_the_known_hosts_file_in()
    {
        Assert.Equal(
            [$"fleet.yaml:13:58: 'ssh.known-hosts' of host 'web-01' cannot be created: its directory does not exist: {_workspace.PathOf("ssh")}"],
            _workspace.Errors(SampleInventory.WithHost("ssh: { host-key-policy: accept-new, known-hosts: ssh/known_hosts }")));
    }

    [Theory]
    [InlineData("octopus:\n  url: https://octopus.example.com\n   api-key: env:X\n", "fleet.yaml:3:11: YAML syntax error")]
    [InlineData("octopus: { url: https://octopus.example.com\nenvironments: {}\n", "fleet.yaml:1:12: YAML syntax error after this point: look for an unclosed '[', '{' or quote")]
    [InlineData("octopus:\n  url: 'https://octopus.example.com\n", "fleet.yaml:2:8: YAML syntax error")]
    [InlineData("environments: [a, b\n", "fleet.yaml:2:1: YAML syntax error")]
    [InlineData("octopus:\n  url: x\n\tapi-key: y\n", "fleet.yaml:3:1: YAML syntax error: a tab is used for indentation; indent with spaces")]
    [InlineData("octopus: {}\n---\noctopus: {}\n", "fleet.yaml:2:1: the inventory must be a single YAML document, but a second one starts here")]
    [InlineData("octopus: *server\n", "fleet.yaml:1:10: the alias '*server' refers to no anchor defined before it")]
    public void A_yaml_syntax_error_is_reported_alone_with_its_line(string yaml, string expectedStart)
    {
        var error = Assert.Single(_workspace.Errors(yaml));

        Assert.StartsWith(expectedStart, error);
    }

    [Fact]
    public void Every_error_in_the_file_is_reported_together_in_document_order()
    {
        var errors = _workspace.Errors("""
            octopus:
              url: https://octopus.example.com
              api-key: API-1234567890
            defaults:
              ssh: { identity: ~/.ssh/id_ed25519, port: 99999 }
            environments:
              Production:
                hosts:
                  - name: web-01
                    address: 10.0.0.5
                    os: linux
                    rolse: [web-server]
                  - name: web-01
                    address: 10.0.0.6
                    os: windoes
            """);

        Assert.Equal(
        [
            "fleet.yaml:3:12: 'octopus.api-key' must say where the API key is kept, not hold the key itself: write env:NAME to read it from an environment variable, or file:PATH to read it from a file",
            "fleet.yaml:5:45: 'defaults.ssh.port' must be a port number from 1 to 65535, found '99999'",
            "fleet.yaml:12:9: unknown key 'rolse' in host 'web-01' — did you mean 'roles'?",
            "fleet.yaml:13:15: host name 'web-01' is already used at line 9: host names must be unique across the inventory (ignoring case)",
            "fleet.yaml:15:13: 'os' of host 'web-01' must be linux or windows, found 'windoes' — did you mean 'windows'?",
        ], errors);
    }
}
