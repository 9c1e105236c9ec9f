using System.Globalization;
using Coordinator.Actors.Iis;
using Coordinator.HostAccess;
using Coordinator.Iis;
using Coordinator.Lab;
using Coordinator.Protocol.Machines;

namespace Coordinator.IisGateTests.Support;

/// <summary>
/// Five windows-flavoured lab hosts (real sshd on 127.0.0.n, the powershell and appcmd doubles, drive C: of their
/// own), started once for every test here: starting them takes longer than most tests.
/// </summary>
public sealed class GateLab : IAsyncLifetime
{
    public const int HostCount = 5;

    private const string CommitDelaySettings = @"C:\Windows\System32\inetsrv\config\appcmd.lab.json";

    /// <summary>Few, quick retries: a test that needs them should not wait for the production backoff.</summary>
    public static readonly IisGatePolicy QuickRetries = IisGatePolicy.Default with
    {
        AttemptLimit = TimeSpan.FromMinutes(2),
        MaxAttempts = 3,
        InitialBackoff = TimeSpan.FromMilliseconds(200),
        MaxBackoff = TimeSpan.FromSeconds(1),
    };

    private LabFixture? _lab;

    public IReadOnlyList<LabHost> Hosts => _lab!.WindowsHosts;

    /// <summary>Short limits so a broken connection shows at once instead of after the defaults' minutes.</summary>
    public static HostAccessOptions AccessOptions { get; } = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        KeepAliveInterval = TimeSpan.FromSeconds(5),
        KillGracePeriod = TimeSpan.FromSeconds(1),
        WindowsPaths = WindowsSftpPaths.WithDriveRoots(new Dictionary<char, string> { ['C'] = LabPaths.DriveC }),
    };

    public async Task InitializeAsync() => _lab = await LabFixture.StartAsync(linux: 0, windows: HostCount);

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }
    }

    /// <summary>The host as the inventory would describe it: Windows, root with the lab's key, host keys unchecked (lab only).</summary>
    public static MachineSpec SpecFor(LabHost host, IisMutex mutex) => new(
        "Lab",
        host.Address.ToString(),
        HostPlatform.Windows,
        ["web"],
        [],
        "Default Machine Policy",
        new SshSpec("root", host.Port, host.ClientKeyPath, "off", "", TimeSpan.FromMinutes(2)),
        new TentacleSpec(
            "Tentacle", 10933, "0.0.0.0", null, @"C:\Program Files\Octopus Deploy\Tentacle", @"C:\Octopus\Tentacle.config", @"C:\Octopus", @"C:\Octopus\Applications"),
        new OctopusTarget("http://127.0.0.1:1", null, "env:UNUSED_IN_THESE_TESTS", ReplaceExisting: false),
        new IisSpec(mutex.Name, mutex.Timeout, []));

    /// <summary>A mutex of the test's own, so no earlier test's leftover holder can stand in its way.</summary>
    public static IisMutex NewMutex(TimeSpan timeout) => new($@"Global\coordinator-gate-test-{Guid.NewGuid():N}", timeout);

    /// <summary>The same host reached as a Linux one, so plain bash runs on it: how a test writes around the coordinator.</summary>
    public static HostEndpoint BashEndpointOf(LabHost host) =>
        new(host.Name, host.Address.ToString(), host.Port, "root", host.ClientKeyPath, HostOs.Linux, HostKeyPolicy.Off);

    public static string ConfigFileOf(LabHost host) => host.PathOnDisk(LabPaths.OnDriveC(WindowsDoubles.ApplicationHostConfig));

    public static ApplicationHostConfig ConfigOf(LabHost host) => ApplicationHostConfig.Read(ConfigFileOf(host));

    /// <summary>
    /// Every appcmd write on the host from now on waits this long between reading and committing, and again while it
    /// holds the file's lock (the double's settings file; sessions cannot pass it an environment variable), so two
    /// writers that overlap collide as they do on IIS. Dispose to go back to instant commits.
    /// </summary>
    public static IDisposable SlowCommits(LabHost host, int milliseconds)
    {
        var path = host.PathOnDisk(LabPaths.OnDriveC(CommitDelaySettings));
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $$"""{"CommitDelayMs": {{milliseconds}}}"""));
        return new Undo(() => File.Delete(path));
    }

    /// <summary>A file on the host's drive C:, written from outside: how a test signals a script on the host.</summary>
    public static void Touch(LabHost host, string windowsPath) => File.WriteAllText(host.PathOnDisk(LabPaths.OnDriveC(windowsPath)), "");

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}

[CollectionDefinition(Name)]
public sealed class GateLabCollection : ICollectionFixture<GateLab>
{
    public const string Name = "IIS gate lab";
}
