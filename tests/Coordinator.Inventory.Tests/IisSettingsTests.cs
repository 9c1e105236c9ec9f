using System.Collections.Immutable;
using Coordinator.Iis;

namespace Coordinator.Inventory.Tests;

/// <summary>The <c>iis</c> section of an inventory: the mutex, the baseline and how hosts override the defaults.</summary>
public sealed class IisSettingsTests : IDisposable
{
    private readonly InventoryWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void A_host_that_says_nothing_about_iis_gets_the_default_mutex_and_no_baseline()
    {
        var host = Assert.Single(_workspace.Load(SampleInventory.WindowsHostWith()).Hosts);

        Assert.Equal(IisSettings.Default, host.Iis);
        Assert.Equal(new IisMutex(@"Global\ABCCodeDeploy", TimeSpan.FromMinutes(1)), host.Iis.Mutex);
        Assert.Empty(host.Iis.Baseline);
    }

    [Fact]
    public void Every_operation_kind_is_read_with_its_defaults()
    {
        var host = LoadWindowsHost(Baseline(
            "ensure-app-pool: { name: Shop }",
            @"ensure-site: { name: Shop, path: 'C:\inetpub\shop', app-pool: Shop, bindings: ['http/*:80:shop.example.com'] }",
            @"ensure-application: { site: Shop, path: /api, physical-path: 'C:\inetpub\shop-api', app-pool: Shop }",
            "remove-site: { name: Legacy }",
            @"remove-under-path: { path: 'C:\inetpub\old' }"));

        AssertBaseline(
        [
            new EnsureAppPool("Shop", "v4.0", ManagedPipelineMode.Integrated, AppPoolIdentity.ApplicationPoolIdentity),
            new EnsureSite("Shop", @"C:\inetpub\shop", [new IisBinding("http", "*", 80, "shop.example.com")], "Shop"),
            new EnsureApplication("Shop", "/api", @"C:\inetpub\shop-api", "Shop"),
            new RemoveSite("Legacy"),
            new RemoveUnderPath(@"C:\inetpub\old"),
        ], host.Iis.Baseline);
    }

    [Fact]
    public void Every_operation_kind_is_read_with_explicit_values_normalised_as_the_scripts_use_them()
    {
        var host = LoadWindowsHost(Baseline(
            "ensure-app-pool: { name: Static, runtime: none, pipeline: Classic, identity: networkservice }",
            "ensure-app-pool: { name: Api, runtime: V4.0, pipeline: INTEGRATED, identity: LocalSystem }",
            @"ensure-site: { name: My Shop, path: 'D:\Sites\My Shop\', app-pool: Static, bindings: ['HTTPS/10.0.0.9:443:shop.example.com', 'http/[::1]:8080:', 'http/*:81'] }",
            @"ensure-application: { site: My Shop, path: /api/v2, physical-path: 'D:/Sites/api/', app-pool: Api }",
            "remove-site: { name: Default Web Site }",
            @"remove-under-path: { path: 'C:\inetpub\old\' }"));

        AssertBaseline(
        [
            new EnsureAppPool("Static", "", ManagedPipelineMode.Classic, AppPoolIdentity.NetworkService),
            new EnsureAppPool("Api", "v4.0", ManagedPipelineMode.Integrated, AppPoolIdentity.LocalSystem),
            new EnsureSite("My Shop", @"D:\Sites\My Shop",
                [new IisBinding("https", "10.0.0.9", 443, "shop.example.com"), new IisBinding("http", "::1", 8080), new IisBinding("http", "*", 81)],
                "Static"),
            new EnsureApplication("My Shop", "/api/v2", "D:/Sites/api", "Api"),
            new RemoveSite("Default Web Site"),
            new RemoveUnderPath(@"C:\inetpub\old"),
        ], host.Iis.Baseline);
    }

    [Fact]
    public void The_mutex_is_read_with_the_inventory_duration_syntax()
    {
        var host = LoadWindowsHost("iis: { mutex: { name: 'Local\\DeployLock', timeout: 1m30s } }");

        Assert.Equal(new IisMutex(@"Local\DeployLock", TimeSpan.FromSeconds(90)), host.Iis.Mutex);
        Assert.Empty(host.Iis.Baseline);
    }

    [Fact]
    public void A_host_overrides_the_mutex_field_by_field_and_replaces_the_baseline_as_a_whole()
    {
        var inventory = _workspace.Load("""
            octopus: { url: https://octopus.example.com, api-key: env:OCTOPUS_API_KEY }
            defaults:
              ssh: { identity: ~/.ssh/id_ed25519 }
              iis:
                mutex: { name: 'Global\FarmDeploy', timeout: 2m }
                baseline:
                  - ensure-app-pool: { name: Shop }
                  - remove-site: { name: Legacy }
            environments:
              Production:
                hosts:
                  - { name: iis-01, address: 10.0.0.1, os: windows }
                  - name: iis-02
                    address: 10.0.0.2
                    os: windows
                    iis:
                      mutex: { timeout: 30s }
                      baseline: [{ remove-site: { name: Other } }]
                  - { name: iis-03, address: 10.0.0.3, os: windows, iis: { mutex: { name: 'Global\Own' }, baseline: [] } }
            """);

        var inheriting = inventory.FindHost("iis-01")!;
        Assert.Equal(new IisMutex(@"Global\FarmDeploy", TimeSpan.FromMinutes(2)), inheriting.Iis.Mutex);
        AssertBaseline([new EnsureAppPool("Shop", "v4.0", ManagedPipelineMode.Integrated, AppPoolIdentity.ApplicationPoolIdentity), new RemoveSite("Legacy")],
            inheriting.Iis.Baseline);

        var overriding = inventory.FindHost("iis-02")!;
        Assert.Equal(new IisMutex(@"Global\FarmDeploy", TimeSpan.FromSeconds(30)), overriding.Iis.Mutex);
        AssertBaseline([new RemoveSite("Other")], overriding.Iis.Baseline);

        var optingOut = inventory.FindHost("iis-03")!;
        Assert.Equal(new IisMutex(@"Global\Own", TimeSpan.FromMinutes(2)), optingOut.Iis.Mutex);
        Assert.Empty(optingOut.Iis.Baseline);
    }

    [Fact]
    public void A_baseline_on_a_linux_host_is_refused_where_it_is_written()
    {
        Assert.Equal(
            ["fleet.yaml:13:16: 'iis.baseline' of host 'web-01' is an IIS baseline on a Linux host: remove it, or change the host's os to windows"],
            _workspace.Errors(SampleInventory.WithHost("iis: { baseline: [{ remove-site: { name: Legacy } }] }")));
    }

    [Fact]
    public void A_linux_host_that_would_inherit_the_defaults_baseline_is_refused_with_how_to_opt_out()
    {
        Assert.Equal(
            ["fleet.yaml:11:9: host 'web-01' gets an IIS baseline on a Linux host from 'defaults.iis.baseline' (line 7): " +
             "write iis: { baseline: [] } in the host, or move the baseline to the Windows hosts"],
            _workspace.Errors(SampleInventory.WithDefaults("iis: { baseline: [{ remove-site: { name: Legacy } }] }")));
    }

    [Fact]
    public void A_linux_host_may_opt_out_of_the_defaults_baseline_and_set_the_mutex()
    {
        var host = Assert.Single(_workspace.Load(SampleInventory.With(
            defaults: ["iis: { baseline: [{ remove-site: { name: Legacy } }] }"],
            host: ["iis: { baseline: [], mutex: { timeout: 10s } }"])).Hosts);

        Assert.Empty(host.Iis.Baseline);
        Assert.Equal(new IisMutex(TimeSpan.FromSeconds(10)), host.Iis.Mutex);
    }

    [Theory]
    [InlineData(
        @"ensure-site: { name: Shop, path: 'C:\inetpub\shop', app-pool: Shop, bindings: ['http:80'] }",
        "fleet.yaml:15:94: 'iis.baseline[1].ensure-site.bindings' of host 'web-01' must hold bindings written protocol/address:port:host, " +
        "such as http/*:80:shop.example.com or https/[2001:db8::5]:443: (an IPv6 address in brackets), found 'http:80'")]
    [InlineData(
        @"ensure-site: { name: Shop, path: 'C:\inetpub\shop', app-pool: Shop, bindings: ['http/::1:80:'] }",
        "fleet.yaml:15:94: 'iis.baseline[1].ensure-site.bindings' of host 'web-01' must hold bindings written protocol/address:port:host, " +
        "such as http/*:80:shop.example.com or https/[2001:db8::5]:443: (an IPv6 address in brackets), found 'http/::1:80:'")]
    [InlineData(
        @"ensure-site: { name: Shop, path: 'C:\inetpub\shop', app-pool: Shop, bindings: ['ftp/*:21:'] }",
        "fleet.yaml:15:15: 'iis.baseline[1].ensure-site' of host 'web-01' cannot be used: the binding protocol 'ftp' must be http or https")]
    [InlineData(
        @"ensure-site: { name: Shop, path: 'C:\inetpub\shop', app-pool: Shop, bindings: ['http/*:70000:'] }",
        "fleet.yaml:15:15: 'iis.baseline[1].ensure-site' of host 'web-01' cannot be used: the binding port 70000 is not a TCP port (1-65535)")]
    [InlineData(
        @"ensure-site: { name: Shop, path: 'C:\inetpub\shop', app-pool: Shop, bindings: [] }",
        "fleet.yaml:15:15: 'iis.baseline[1].ensure-site' of host 'web-01' cannot be used: the site 'Shop' needs at least one binding")]
    [InlineData(
        "ensure-app-pool: { name: 'Shop/Api' }",
        "fleet.yaml:15:15: 'iis.baseline[1].ensure-app-pool' of host 'web-01' cannot be used: the app pool name 'Shop/Api' must not contain '/' or '\\': appcmd names applications 'Site/path'")]
    [InlineData(
        "ensure-application: { site: Shop, path: api, physical-path: 'C:\\api', app-pool: Shop }",
        "fleet.yaml:15:15: 'iis.baseline[1].ensure-application' of host 'web-01' cannot be used: the virtual path 'api' must start with '/', name at least one segment " +
        "(the site's root application belongs to EnsureSite), and hold no empty segment, trailing '/' or '\\'")]
    [InlineData(
        "remove-under-path: { path: 'C:\\' }",
        "fleet.yaml:15:15: 'iis.baseline[1].remove-under-path' of host 'web-01' cannot be used: the physical path to clear 'C:\\' is a drive root: every site and application on the drive would be removed")]
    [InlineData(
        "ensure-app-pool: { name: Shop, runtime: v2.0 }",
        "fleet.yaml:15:15: 'iis.baseline[1].ensure-app-pool' of host 'web-01' cannot be used: the managed runtime version 'v2.0' must be 'v4.0' or empty (No Managed Code)")]
    [InlineData(
        "ensure-app-pool: { name: Shop, runtime: v4.5 }",
        "fleet.yaml:15:55: 'iis.baseline[1].ensure-app-pool.runtime' of host 'web-01' must be v4.0, v2.0 or none, found 'v4.5' — did you mean 'v4.0'?")]
    [InlineData(
        "ensure-app-pool: { name: Shop, pipeline: integrate }",
        "fleet.yaml:15:56: 'iis.baseline[1].ensure-app-pool.pipeline' of host 'web-01' must be integrated or classic, found 'integrate' — did you mean 'integrated'?")]
    [InlineData(
        "ensure-app-pool: { name: Shop, identity: LocalUser }",
        "fleet.yaml:15:56: 'iis.baseline[1].ensure-app-pool.identity' of host 'web-01' must be ApplicationPoolIdentity, LocalSystem, LocalService or NetworkService, found 'LocalUser'")]
    [InlineData(
        "ensure-apppool: { name: Shop }",
        "fleet.yaml:15:15: unknown key 'ensure-apppool' in 'iis.baseline[1]' of host 'web-01' — did you mean 'ensure-app-pool'?")]
    [InlineData(
        "create-site: { name: Shop }",
        "fleet.yaml:15:15: unknown key 'create-site' in 'iis.baseline[1]' of host 'web-01'; expected one of: ensure-app-pool, ensure-site, ensure-application, remove-site, remove-under-path")]
    [InlineData(
        "remove-site: {}",
        "fleet.yaml:15:15: 'iis.baseline[1].remove-site' of host 'web-01' has no 'name': add name: <the site to remove>")]
    [InlineData(
        "remove-site:",
        "fleet.yaml:15:15: 'iis.baseline[1].remove-site' of host 'web-01' has no value: expected a mapping with name")]
    [InlineData(
        "remove-site: Legacy",
        "fleet.yaml:15:28: 'iis.baseline[1].remove-site' of host 'web-01' must be a mapping of keys to values, found 'Legacy'")]
    [InlineData(
        "remove-site",
        "fleet.yaml:15:15: 'iis.baseline[1]' of host 'web-01' must name one operation with its settings, such as remove-site: { name: Legacy }; " +
        "the operations are ensure-app-pool, ensure-site, ensure-application, remove-site, remove-under-path")]
    [InlineData(
        "{ remove-site: { name: Legacy }, remove-under-path: { path: 'C:\\old' } }",
        "fleet.yaml:15:48: 'iis.baseline[1]' of host 'web-01' has a second key 'remove-under-path': each item names exactly one operation — " +
        "start another item with '- ', or indent the operation's settings under it")]
    public void A_wrong_baseline_item_is_reported_at_the_item_or_the_value_with_what_to_fix(string item, string expected)
    {
        Assert.Equal([expected], _workspace.Errors(SampleInventory.WindowsHostWith(Baseline(item))));
    }

    [Fact]
    public void A_misspelt_setting_of_an_operation_is_reported_with_a_suggestion_and_what_is_then_missing()
    {
        Assert.Equal(
        [
            "fleet.yaml:15:15: 'iis.baseline[1].remove-site' of host 'web-01' has no 'name': add name: <the site to remove>",
            "fleet.yaml:15:30: unknown key 'nmae' in 'iis.baseline[1].remove-site' of host 'web-01' — did you mean 'name'?",
        ], _workspace.Errors(SampleInventory.WindowsHostWith(Baseline("remove-site: { nmae: Legacy }"))));
    }

    [Fact]
    public void Settings_not_indented_under_their_operation_are_reported_as_a_second_key()
    {
        var errors = _workspace.Errors(SampleInventory.WindowsHostWith("iis:", "  baseline:", "    - ensure-app-pool:", "      name: Shop"));

        Assert.Equal(
            ["fleet.yaml:16:15: 'iis.baseline[1]' of host 'web-01' has a second key 'name': each item names exactly one operation — " +
             "start another item with '- ', or indent the operation's settings under it"],
            errors);
    }

    [Fact]
    public void Every_wrong_item_is_reported_and_a_problem_in_the_defaults_names_the_defaults()
    {
        var errors = _workspace.Errors(SampleInventory.With(
            defaults: ["iis:", "  baseline:", @"    - ensure-app-pool: { name: 'Shop\Api' }", "    - remove-site: { name: Legacy }", "    - remove-site: { name: 'a\"b' }"],
            os: "windows"));

        Assert.Equal(
        [
            @"fleet.yaml:9:9: 'defaults.iis.baseline[1].ensure-app-pool' cannot be used: the app pool name 'Shop\Api' must not contain '/' or '\': appcmd names applications 'Site/path'",
            "fleet.yaml:11:9: 'defaults.iis.baseline[3].remove-site' cannot be used: the site name 'a\"b' contains a double quote: " +
            "IIS names and Windows paths cannot, and Windows PowerShell 5.1 passes it to appcmd unescaped",
        ], errors);
    }

    [Theory]
    [InlineData(@"iis: { mutex: { name: 'Global\a\b' } }",
        @"fleet.yaml:13:31: 'iis.mutex.name' of host 'web-01' cannot be used: the mutex name 'Global\a\b' must be at most 260 characters with no backslash except after a Global\ or Local\ prefix")]
    [InlineData("iis: { mutex: { timeout: 9999h } }",
        "fleet.yaml:13:34: 'iis.mutex.timeout' of host 'web-01' cannot be used: the mutex timeout 416.15:00:00 must be positive and at most 24.20:31:23.6470000")]
    [InlineData("iis: { mutex: { timeout: 1 minute } }",
        "fleet.yaml:13:34: 'iis.mutex.timeout' of host 'web-01' must be a duration such as 90s, 10m or 1h30m, found '1 minute'")]
    [InlineData("iis: { mutx: { timeout: 1m } }",
        "fleet.yaml:13:16: unknown key 'mutx' in 'iis' of host 'web-01' — did you mean 'mutex'?")]
    [InlineData("iis: { baseline: { remove-site: { name: Legacy } } }",
        "fleet.yaml:13:26: 'iis.baseline' of host 'web-01' must be a list such as [{ ensure-app-pool: { name: Shop } }], found a mapping")]
    [InlineData("iis: { baseline: }",
        "fleet.yaml:13:16: 'iis.baseline' of host 'web-01' has no value: write baseline: [] for none")]
    [InlineData("IIS: {}",
        "fleet.yaml:13:9: unknown key 'IIS' in host 'web-01' — did you mean 'iis'?")]
    public void Wrong_iis_settings_are_reported_where_they_are_written(string hostLine, string expected)
    {
        Assert.Equal([expected], _workspace.Errors(SampleInventory.WindowsHostWith(hostLine)));
    }

    [Fact]
    public void Hosts_compare_their_iis_settings_by_content()
    {
        const string Site = @"ensure-site: { name: Shop, path: 'C:\inetpub\shop', app-pool: Shop, bindings: ['http/*:80:shop.example.com'] }";
        var host = LoadWindowsHost(Baseline(Site));
        var sameAgain = LoadWindowsHost(Baseline(Site));
        var otherBinding = LoadWindowsHost(Baseline(Site.Replace(":80:", ":81:", StringComparison.Ordinal)));

        Assert.NotSame(((EnsureSite)host.Iis.Baseline[0]).Bindings, ((EnsureSite)sameAgain.Iis.Baseline[0]).Bindings);
        Assert.Equal(host, sameAgain);
        Assert.Equal(host.GetHashCode(), sameAgain.GetHashCode());
        Assert.NotEqual(host, otherBinding);
        Assert.NotEqual(host, host with { Iis = host.Iis with { Mutex = new IisMutex(TimeSpan.FromMinutes(5)) } });
        Assert.NotEqual(host, host with { Iis = IisSettings.Default });
    }

    [Fact]
    public void A_host_constructed_without_iis_settings_has_the_defaults()
    {
        var loaded = Assert.Single(_workspace.Load(SampleInventory.WindowsHostWith()).Hosts);

        var constructed = new InventoryHost(loaded.Name, loaded.Address, loaded.Os, loaded.Environment, loaded.Roles, loaded.Tenants,
            loaded.MachinePolicy, loaded.Ssh, loaded.Tentacle);

        Assert.Same(IisSettings.Default, constructed.Iis);
        Assert.Equal(loaded, constructed);
        Assert.Equal(loaded.GetHashCode(), constructed.GetHashCode());
    }

    [Fact]
    public void A_printed_host_shows_its_baseline_with_the_bindings()
    {
        var host = LoadWindowsHost(Baseline(
            "remove-site: { name: Legacy }",
            @"ensure-site: { name: Shop, path: 'C:\inetpub\shop', app-pool: Shop, bindings: ['http/*:80:shop.example.com', 'http/[::1]:80:'] }"));

        Assert.Contains(
            @"Iis = IisSettings { Mutex = IisMutex { Name = Global\ABCCodeDeploy, Timeout = 00:01:00 }, Baseline = [RemoveSite { Description = Remove site 'Legacy', Name = Legacy }, " +
            @"EnsureSite { Description = Ensure site 'Shop', Name = Shop, PhysicalPath = C:\inetpub\shop, Bindings = [http/*:80:shop.example.com, http/[::1]:80:], AppPool = Shop }] }",
            host.ToString(),
            StringComparison.Ordinal);
    }

    /// <summary>Host lines for a baseline whose items start at line 15, column 15 of <see cref="SampleInventory"/>.</summary>
    private static string[] Baseline(params string[] items) => ["iis:", "  baseline:", .. items.Select(item => "    - " + item)];

    private InventoryHost LoadWindowsHost(params string[] hostLines) =>
        Assert.Single(_workspace.Load(SampleInventory.WindowsHostWith(hostLines)).Hosts);

    /// <summary>Compares through <see cref="IisSettings"/>, since a record compares a site's bindings by reference.</summary>
    private static void AssertBaseline(ImmutableArray<IisOperation> expected, ImmutableArray<IisOperation> actual) =>
        Assert.Equal(new IisSettings(IisMutex.Default, expected), new IisSettings(IisMutex.Default, actual));
}
