using Coordinator.Iis;

namespace Coordinator.Inventory.Tests;

/// <summary>
/// Every inventory in docs/examples must load. The examples refer to keys, installers and secrets beside them;
/// the test creates those (with placeholder content) in a temporary directory that stands for the examples'
/// directory and the user's home, then loads each example as if it lived there.
/// </summary>
public sealed class ExampleInventoryTests : IDisposable
{
    /// <summary>The files the examples refer to, relative to the example (home/ stands for ~).</summary>
    private static readonly string[] ReferencedFiles =
    [
        "home/.ssh/id_ed25519",
        "keys/windows_ed25519",
        "keys/fleet_ed25519",
        "known_hosts",
        "installers/tentacle-8.3.2971-net8.0-linux-x64.tar.gz",
        "installers/Octopus.Tentacle.8.3.2971-x64.msi",
        "secrets/octopus-api-key",
    ];

    private readonly InventoryWorkspace _workspace = new();

    public ExampleInventoryTests()
    {
        foreach (var file in ReferencedFiles)
        {
            _workspace.CreateFile(file);
        }
    }

    public void Dispose() => _workspace.Dispose();

    public static TheoryData<string> Examples() => [.. ExampleFiles()];

    [Fact]
    public void The_examples_directory_holds_the_documented_examples()
    {
        Assert.Equal(["cattle.yaml", "fleet.yaml", "iis-web-farm.yaml", "minimal.yaml"], ExampleFiles());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_loads_without_errors(string example)
    {
        var result = InventoryLoader.Parse(File.ReadAllText(Path.Combine(ExamplesDirectory(), example)), example, _workspace.Root, _workspace.Home);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void The_full_example_resolves_every_level()
    {
        var inventory = Load("fleet.yaml");

        Assert.Equal(new Uri("https://octopus.example.com"), inventory.Octopus.Url);
        Assert.Equal("Default", inventory.Octopus.Space);
        Assert.Equal<string>(["Production", "Staging"], inventory.Environments);
        Assert.Equal(["web-01", "web-02", "iis-01", "stage-web-01"], inventory.Hosts.Select(h => h.Name));

        var web02 = inventory.FindHost("web-02")!;
        Assert.Equal<string>(["Acme", "Globex"], web02.Tenants);
        Assert.Equal(HostKeyPolicy.Strict, web02.Ssh.HostKeyPolicy);
        Assert.Equal(_workspace.PathOf("known_hosts"), web02.Ssh.KnownHostsFile);
        Assert.Equal(_workspace.DefaultIdentity, web02.Ssh.IdentityFile);
        Assert.Equal(_workspace.PathOf("installers/tentacle-8.3.2971-net8.0-linux-x64.tar.gz"), web02.Tentacle.InstallerFile);

        var iis01 = inventory.FindHost("IIS-01")!;
        Assert.Equal(HostOs.Windows, iis01.Os);
        Assert.Equal("Administrator", iis01.Ssh.User);
        Assert.Equal(_workspace.PathOf("keys/windows_ed25519"), iis01.Ssh.IdentityFile);
        Assert.Equal(_workspace.PathOf("installers/Octopus.Tentacle.8.3.2971-x64.msi"), iis01.Tentacle.InstallerFile);
        Assert.Equal(@"C:\Octopus\Tentacle.config", iis01.Tentacle.ConfigurationFile);
        Assert.Equal<string>(["web-server", "iis"], iis01.Roles);
        Assert.Equal(new Uri("https://iis-01.corp.example.com:10933/"), iis01.ListeningUri);

        var staging = inventory.FindHost("stage-web-01")!;
        Assert.Equal("Staging", staging.Environment);
        Assert.Equal("Short Lived Machines", staging.MachinePolicy);
        Assert.Equal(2222, staging.Ssh.Port);
        Assert.Equal(TimeSpan.FromMinutes(20), staging.Ssh.CommandTimeout);
        Assert.Equal("root", staging.Ssh.User);
        Assert.Equal(10934, staging.Tentacle.ListenPort);
        Assert.Equal("/srv/octopus/applications", staging.Tentacle.ApplicationDirectory);
        Assert.Equal("/etc/octopus/Tentacle", staging.Tentacle.HomeDirectory);
    }

    [Fact]
    public void The_cattle_example_names_its_instance_and_reads_its_key_from_a_file()
    {
        var inventory = Load("cattle.yaml");

        Assert.Equal($"file:{_workspace.PathOf("secrets/octopus-api-key")}", inventory.Octopus.ApiKey.ToString());
        Assert.Equal("Web Platform", inventory.Octopus.Space);
        Assert.All(inventory.Hosts, h =>
        {
            Assert.Equal("/etc/octopus/Web/tentacle-Web.config", h.Tentacle.ConfigurationFile);
            Assert.Equal(HostKeyPolicy.AcceptNew, h.Ssh.HostKeyPolicy);
            Assert.Equal<string>(["web-server"], h.Roles);
        });
        Assert.Equal<string>(["Acme"], inventory.FindHost("web-13")!.Tenants);
    }

    [Fact]
    public void The_iis_web_farm_example_gives_each_host_its_mutex_and_baseline()
    {
        var inventory = Load("iis-web-farm.yaml");

        Assert.All(inventory.Hosts, h => Assert.Equal(HostOs.Windows, h.Os));
        var production = inventory.FindHost("iis-01")!;
        Assert.Equal(new IisMutex(@"Global\ABCCodeDeploy", TimeSpan.FromMinutes(2)), production.Iis.Mutex);
        Assert.Equal(
            ["RemoveUnderPath", "RemoveSite", "EnsureAppPool", "EnsureAppPool", "EnsureSite", "EnsureApplication", "EnsureApplication"],
            production.Iis.Baseline.Select(o => o.GetType().Name));
        Assert.Equal(production.Iis, inventory.FindHost("iis-02")!.Iis);

        var staging = inventory.FindHost("stage-iis-01")!;
        Assert.Equal(new IisMutex(@"Global\ABCCodeDeploy", TimeSpan.FromSeconds(30)), staging.Iis.Mutex);
        var site = Assert.IsType<EnsureSite>(staging.Iis.Baseline[1]);
        Assert.Equal([new IisBinding("http", "*", 8080), new IisBinding("http", "::1", 8080)], site.Bindings);
    }

    private FleetInventory Load(string example)
    {
        var result = InventoryLoader.Parse(File.ReadAllText(Path.Combine(ExamplesDirectory(), example)), example, _workspace.Root, _workspace.Home);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Inventory;
    }

    private static List<string> ExampleFiles() =>
        [.. Directory.GetFiles(ExamplesDirectory(), "*.yaml").Select(f => Path.GetFileName(f)).Order()];

    private static string ExamplesDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Coordinator.sln")))
            {
                return Path.Combine(directory.FullName, "docs", "examples");
            }
        }

        throw new InvalidOperationException($"No Coordinator.sln above {AppContext.BaseDirectory}");
    }
}
