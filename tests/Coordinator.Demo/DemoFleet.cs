using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using Coordinator.Cli;
using Coordinator.Host.Configuration;
using Coordinator.Host.Hosting;
using Coordinator.Lab;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Coordinator.Demo;

/// <summary>The demo's moving parts, started together and torn down together.</summary>
internal sealed class DemoFleet : IAsyncDisposable
{
    private const string Environment = "Demo";

    /// <summary>Every Windows host's IIS baseline: applied through its IIS gate as the last step of each bootstrap.</summary>
    private const string WindowsIis =
        "{ baseline: [ { ensure-app-pool: { name: Shop } }, " +
        @"{ ensure-site: { name: Shop, path: 'C:\inetpub\shop', app-pool: Shop, bindings: ['http/*:80:shop.demo.example'] } } ] }";

    /// <summary>What the demo then asks of every Windows host's gate with coord iis apply.</summary>
    private const string MoreIis = """
        operations:
          - ensure-app-pool: { name: Blog, runtime: none }
          - ensure-site: { name: Blog, path: 'C:\inetpub\blog', app-pool: Blog, bindings: ['http/*:80:blog.demo.example'] }
          - ensure-application: { site: Shop, path: /api, physical-path: 'C:\inetpub\shop-api', app-pool: Shop }
        """;

    private readonly IAnsiConsole _console;
    private readonly TentacleFleet _fleet;
    private readonly DirectoryInfo _work;
    private readonly IHost _coordinator;
    private readonly string _endpoint;
    private readonly string _inventory;

    private DemoFleet(IAnsiConsole console, TentacleFleet fleet, DirectoryInfo work, IHost coordinator, string endpoint, string inventory)
    {
        (_console, _fleet, _work, _coordinator, _endpoint, _inventory) = (console, fleet, work, coordinator, endpoint, inventory);
    }

    private LabFixture Lab => _fleet.Lab;

    public static async Task<DemoFleet> StartAsync(int linux, int windows, IAnsiConsole console)
    {
        console.Write(new Rule("[bold]1. A lab fleet, the Octopus Server double, and the coordinator on SQLite[/]").LeftJustified());
        var work = Directory.CreateTempSubdirectory("coordinator-demo-");
        var fleet = await TentacleFleet.StartAsync(linux, windows, [Environment]);
        var apiKey = await fleet.WriteApiKeyAsync(Path.Combine(work.FullName, "octopus-api-key"));
        var inventory = Path.Combine(work.FullName, "fleet.yaml");
        await File.WriteAllTextAsync(inventory, fleet.Inventory(fleet.Lab.Hosts, apiKey, Environment, windowsIis: WindowsIis));

        var port = FreePort();
        var settings = new Dictionary<string, string>
        {
            ["COORD_DATA_DIR"] = Path.Combine(work.FullName, "data"),
            ["COORD_REMOTE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["COORD_LOG_LEVEL"] = "Warning",
        };
        foreach (var (name, value) in LabInventory.CoordinatorEnvironment)
        {
            settings[name] = value!;
        }

        var loaded = await CoordinatorSettingsLoader.LoadAsync(null, settings, work.FullName);
        var coordinator = CoordinatorHost.Build(loaded.Settings);
        await coordinator.StartAsync();

        console.MarkupLine($"{fleet.Lab.LinuxHosts.Count} Linux and {fleet.Lab.WindowsHosts.Count} Windows-flavoured hosts on 127.0.0.2 and up (real sshd); Octopus at {fleet.Octopus.BaseUri}");
        console.MarkupLine($"Coordinator on 127.0.0.1:{port}, data in {Markup.Escape(Path.Combine(work.FullName, "data"))}; inventory {Markup.Escape(inventory)}");
        return new DemoFleet(console, fleet, work, coordinator, $"127.0.0.1:{port}", inventory);
    }

    public async Task<int> RunAsync()
    {
        _console.Write(new Rule("[bold]2. coord bootstrap --follow[/]").LeftJustified());
        if (await BootstrapAsync() != 0)
        {
            return 1;
        }

        var before = Machines();
        _console.Write(MachineTable("Registered in Octopus", before, null));

        _console.Write(new Rule("[bold]3. coord iis apply --environment Demo --follow: one IIS write at a time per Windows host, hosts in parallel[/]").LeftJustified());
        var operations = Path.Combine(_work.FullName, "more-iis.yaml");
        await File.WriteAllTextAsync(operations, MoreIis);
        if (await CoordAsync(["iis", "apply", "--environment", Environment, "-f", operations, "--follow"]) != 0)
        {
            return 1;
        }

        var rebuilt = Lab.LinuxHosts.Take(2).Append(Lab.WindowsHosts.First()).ToList();
        _console.Write(new Rule($"[bold]4. Destroy and recreate {string.Join(", ", rebuilt.Select(h => h.Name))}: new disks, new SSH host keys, no Tentacle, no IIS sites[/]").LeftJustified());
        await Task.WhenAll(rebuilt.Select(h => h.RecreateAsync()));

        _console.Write(new Rule("[bold]5. coord bootstrap --follow, again[/]").LeftJustified());
        if (await BootstrapAsync() != 0)
        {
            return 1;
        }

        var after = Machines();
        _console.Write(MachineTable("The same machines, the same thumbprints", after, before));
        var unchanged = after.Count == before.Count && after.All(m => before.TryGetValue(m.Key, out var was) && was == m.Value);
        _console.MarkupLine(unchanged
            ? $"[green]All {after.Count} machines kept their Octopus ids and thumbprints; no duplicates.[/]"
            : "[red]Some machines changed: see the table above.[/]");
        var baselineBack = Lab.WindowsHosts.All(host => SitesOf(host).Contains("Shop"));
        _console.MarkupLine(baselineBack
            ? $"[green]Every Windows host, {rebuilt.Last().Name} included, has its IIS baseline (site Shop) from the inventory.[/]"
            : "[red]A Windows host lacks its IIS baseline.[/]");
        return unchanged && baselineBack ? 0 : 1;
    }

    private static IReadOnlyList<string> SitesOf(LabHost host)
    {
        var config = host.PathOnDisk(LabPaths.OnDriveC(WindowsDoubles.ApplicationHostConfig));
        return File.Exists(config)
            ? [.. XDocument.Load(config).Descendants("sites").Elements("site").Select(site => (string)site.Attribute("name")!)]
            : [];
    }

    public async ValueTask DisposeAsync()
    {
        _console.Write(new Rule("[bold]6. Tear down[/]").LeftJustified());
        await _coordinator.StopAsync();
        _coordinator.Dispose();
        await _fleet.DisposeAsync();
        _work.Delete(recursive: true);
        _console.MarkupLine("Lab hosts, Octopus double and coordinator stopped; temporary files removed.");
    }

    private Task<int> BootstrapAsync() => CoordAsync(["bootstrap", "-i", _inventory, "--follow"]);

    private Task<int> CoordAsync(string[] arguments) => CoordCommandLine.RunAsync([.. arguments, "--endpoint", _endpoint], Terminal.FromProcess());

    private SortedDictionary<string, (string Id, string Thumbprint)> Machines() =>
        new(_fleet.Octopus.State.Machines.ToDictionary(m => m.Name, m => (m.Id, m.Endpoint.Thumbprint)), StringComparer.Ordinal);

    private static Table MachineTable(string title, SortedDictionary<string, (string Id, string Thumbprint)> machines, SortedDictionary<string, (string Id, string Thumbprint)>? before)
    {
        var table = new Table().Title(title).Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Machine").NoWrap()).AddColumn(new TableColumn("Octopus id").NoWrap()).AddColumn(new TableColumn("Thumbprint").NoWrap());
        if (before is not null)
        {
            table.AddColumn("Same as before");
        }

        foreach (var (name, (id, thumbprint)) in machines)
        {
            var row = new List<string> { name, id, thumbprint };
            if (before is not null)
            {
                row.Add(before.TryGetValue(name, out var was) && was == (id, thumbprint) ? "[green]yes[/]" : "[red]no[/]");
            }

            table.AddRow([.. row]);
        }

        return table;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
