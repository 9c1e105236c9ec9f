using System.Text.Json;
using System.Text.RegularExpressions;
using Coordinator.IntegrationTests.Bootstrap;
using Coordinator.IntegrationTests.Harness;
using Coordinator.Lab;

namespace Coordinator.IntegrationTests.Iis;

/// <summary>
/// Two windows-flavoured lab hosts with an IIS baseline in the inventory (environment <see cref="BootstrapLab.Environment"/>)
/// and one Linux host (environment <see cref="LinuxEnvironment"/>, so that <c>--environment</c> reaches the Windows hosts
/// only), the real coordinator host, and one bootstrap of all three done before the first test: every IIS command needs
/// hosts the coordinator has bootstrapped, and bootstrapping is most of the class's time.
/// </summary>
public sealed partial class IisLab : IAsyncLifetime
{
    public const string LinuxEnvironment = "Staging";

    /// <summary>A mutex of the lab's own, so the inventory's <c>iis.mutex</c> is the one the scripts are given.</summary>
    public const string MutexName = @"Global\coordinator-iis-end-to-end";

    public static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    private readonly Fleet _fleet = new();
    private readonly List<(string Command, ProcessResult Result)> _runs = [];

    public LabHost Linux => _fleet.Lab.LinuxHosts.Single();

    public IReadOnlyList<LabHost> Windows => _fleet.Lab.WindowsHosts;

    public IEnumerable<LabHost> Hosts => _fleet.Lab.Hosts;

    public string WorkDirectory => _fleet.WorkDirectory;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("coordinator-iis-e2e-").FullName;

    public string InventoryPath { get; private set; } = "";

    public string ApiKey => _fleet.Octopus.ApiKey;

    internal HostProcess Host { get; private set; } = null!;

    /// <summary><c>coord bootstrap -i inventory --follow --json</c> of all three hosts, run once while the lab starts.</summary>
    internal ProcessResult FirstBootstrap { get; private set; } = null!;

    /// <summary>Every coord run of the class so far, for the secret sweep.</summary>
    internal IReadOnlyList<(string Command, ProcessResult Result)> Runs
    {
        get
        {
            lock (_runs)
            {
                return [.. _runs];
            }
        }
    }

    public async Task InitializeAsync()
    {
        await _fleet.InitializeAsync();
        InventoryPath = WriteInventory();
        Host = await HostProcess.StartAsync(DataDirectory, LabInventory.CoordinatorEnvironment);
        FirstBootstrap = await CoordAsync(RunLimit, "bootstrap", "-i", InventoryPath, "--follow", "--json");
    }

    /// <summary>Runs the real coord against the lab's host, and keeps its output for the secret sweep.</summary>
    internal async Task<ProcessResult> CoordAsync(TimeSpan limit, params string[] arguments)
    {
        var result = await Host.Cli.RunAsync(limit, arguments);
        lock (_runs)
        {
            _runs.Add((string.Join(' ', arguments), result));
        }

        return result;
    }

    internal Task<ProcessResult> CoordAsync(params string[] arguments) => CoordAsync(TimeSpan.FromSeconds(90), arguments);

    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(WorkDirectory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public static string ConfigPath(LabHost host) => host.PathOnDisk(LabPaths.OnDriveC(WindowsDoubles.ApplicationHostConfig));

    public static byte[] ConfigBytes(LabHost host) => File.ReadAllBytes(ConfigPath(host));

    public static ApplicationHostConfig Config(LabHost host) => ApplicationHostConfig.Read(ConfigPath(host));

    /// <summary>Every event of the host's CLEF log so far. A line still being written (no newline yet) is left for later.</summary>
    public IReadOnlyList<JsonElement> LogEvents()
    {
        var events = new List<JsonElement>();
        foreach (var file in Directory.GetFiles(Path.Combine(DataDirectory, "logs"), "*.clef").Order(StringComparer.Ordinal))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            var complete = text[..(text.LastIndexOf('\n') + 1)];
            events.AddRange(complete.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()));
        }

        return events;
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await _fleet.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>
    /// The lab's usual inventory, with the Windows hosts given an IIS section (each host's own, since a baseline a Linux
    /// host inherited from <c>defaults</c> is an error) and the Linux host moved to an environment of its own.
    /// </summary>
    private string WriteInventory()
    {
        var windows = File.ReadAllText(_fleet.WriteInventory("windows.yaml", Windows));
        var linux = File.ReadAllText(_fleet.WriteInventory("linux.yaml", [Linux]));
        var linuxHost = linux.Split('\n').Single(line => line.Contains("os: linux", StringComparison.Ordinal));
        var withBaseline = WindowsHostLine().Replace(windows, line => line.Groups["host"].Value + ", " + IisSection + " }");
        if (withBaseline == windows)
        {
            throw new InvalidOperationException("LabInventory.Yaml no longer writes hosts as one flow mapping per line; give the IIS section another way in:\n" + windows);
        }

        return WriteFile("iis-fleet.yaml", withBaseline.TrimEnd('\n') + $"\n  {LinuxEnvironment}:\n    hosts:\n{linuxHost}\n");
    }

    /// <summary>The baseline: a pool and a site with a binding, written as the docs' example writes them, in flow style.</summary>
    private const string IisSection =
        "iis: { mutex: { name: '" + MutexName + "', timeout: 45s }, baseline: [ " +
        "{ ensure-app-pool: { name: Shop, pipeline: integrated } }, " +
        @"{ ensure-site: { name: Shop, path: 'C:\inetpub\shop', app-pool: Shop, bindings: ['http/*:80:shop.example.com'] } } ] }";

    [GeneratedRegex(@"^(?<host>\s+- \{ .*os: windows.*?) \}$", RegexOptions.Multiline)]
    private static partial Regex WindowsHostLine();

    private sealed class Fleet() : BootstrapLab(linux: 1, windows: 2);
}

[CollectionDefinition(Name)]
public sealed class IisLabCollection : ICollectionFixture<IisLab>
{
    public const string Name = "IIS end to end";
}
