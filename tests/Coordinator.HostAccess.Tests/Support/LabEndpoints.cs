using Coordinator.Lab;

namespace Coordinator.HostAccess.Tests;

/// <summary>How the tests reach lab hosts.</summary>
internal static class LabEndpoints
{
    /// <summary>Short limits, so failures show quickly; the lab's drive C: for windows-flavoured hosts.</summary>
    public static HostAccessOptions Options { get; } = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        KillGracePeriod = TimeSpan.FromSeconds(1),
        KeepAliveInterval = TimeSpan.FromSeconds(5),
        FileRequestTimeout = TimeSpan.FromSeconds(20),
        WindowsPaths = WindowsSftpPaths.WithDriveRoots(new Dictionary<char, string> { ['C'] = LabPaths.DriveC }),
    };

    public static HostEndpoint For(
        LabHost host, HostKeyPolicy policy = HostKeyPolicy.Off, string? knownHostsFile = null, string? identityFile = null, int? port = null) =>
        new(
            host.Name,
            host.Address.ToString(),
            port ?? host.Port,
            "root",
            identityFile ?? host.ClientKeyPath,
            host.Flavour == LabHostFlavour.Windows ? HostOs.Windows : HostOs.Linux,
            policy,
            knownHostsFile);

    public static SshHostSessions Sessions(IHostKeyStore? keyStore = null, HostAccessOptions? options = null) =>
        new(keyStore ?? new InMemoryHostKeyStore(), options ?? Options);
}
