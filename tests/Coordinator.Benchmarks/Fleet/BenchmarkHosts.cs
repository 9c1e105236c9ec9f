using System.Globalization;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;

namespace Coordinator.Benchmarks.Fleet;

/// <summary>
/// The hosts of a run, built as <c>coord</c>'s RunHosts builds them from an inventory that gives each host a name and
/// an address and leaves everything else to the built-in defaults (root, port 22, accept-new, the conventional
/// Tentacle paths, listening on any address at 10933).
/// </summary>
public static class BenchmarkHosts
{
    public const string Environment = "Bench";

    /// <summary>Hosts per address block: the last octet runs 1–250 and the third one counts blocks.</summary>
    private const int PerBlock = 250;

    /// <summary>The most hosts one run may have: one 127.N.0.0/16 worth of addresses.</summary>
    public const int MaxHosts = PerBlock * 256;

    /// <param name="prefix">Names hosts <c>prefix-0001</c>…; a different prefix per run keeps every run's hosts fresh.</param>
    /// <param name="secondOctet">Addresses are 127.<paramref name="secondOctet"/>.x.y, distinct per run; nothing connects to them.</param>
    public static IReadOnlyList<RunHost> Create(string prefix, int secondOctet, int count, BenchmarkWorkspace workspace, Uri octopusServer)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxHosts);
        var octopus = new OctopusTarget(octopusServer.ToString(), Space: null, "file:" + workspace.ApiKeyFile, ReplaceExisting: false);
        var ssh = new SshSpec("root", 22, workspace.IdentityFile, "accept-new", workspace.KnownHostsFile, TimeSpan.FromMinutes(10));
        var tentacle = new TentacleSpec(
            "Tentacle",
            10933,
            "any",
            workspace.InstallerFile,
            "/opt/octopus/tentacle",
            "/etc/octopus/Tentacle/tentacle-Tentacle.config",
            "/etc/octopus/Tentacle",
            "/home/Octopus/Applications");
        return [.. Enumerable.Range(0, count).Select(i => new RunHost(
            $"{prefix}-{(i + 1).ToString("D4", CultureInfo.InvariantCulture)}",
            new MachineSpec(Environment, AddressOf(secondOctet, i), HostPlatform.Linux, ["web-server"], [], "Default Machine Policy", ssh, tentacle, octopus)))];
    }

    private static string AddressOf(int secondOctet, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"127.{secondOctet}.{index / PerBlock}.{(index % PerBlock) + 1}");
}
