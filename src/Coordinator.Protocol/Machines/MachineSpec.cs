using Coordinator.Iis;

namespace Coordinator.Protocol.Machines;

/// <summary>
/// What a host should look like once bootstrapped, taken from the inventory when a run starts and persisted with
/// the run, so a run resumed after a crash does the same work even if the inventory file changed meanwhile.
/// Holds no secrets: the API key stays a reference in the inventory, the identity file is a path.
/// </summary>
/// <param name="Iis">How the host's IIS gate writes (its mutex) and the baseline bootstrap applies last; null for none.</param>
public sealed record MachineSpec(
    string Environment,
    string Address,
    HostPlatform Os,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Tenants,
    string MachinePolicy,
    SshSpec Ssh,
    TentacleSpec Tentacle,
    OctopusTarget Octopus,
    IisSpec? Iis = null);

/// <summary>The Octopus Server a host registers with. The API key is a reference the coordinator host resolves, never the key.</summary>
/// <param name="ApiKeyReference"><c>env:NAME</c> or <c>file:/absolute/path</c>, read by the coordinator host process.</param>
/// <param name="ReplaceExisting">Take over an Octopus machine that has this host's name but another thumbprint.</param>
public sealed record OctopusTarget(string ServerUrl, string? Space, string ApiKeyReference, bool ReplaceExisting);

public enum HostPlatform
{
    Linux,
    Windows,
}

public sealed record SshSpec(
    string User,
    int Port,
    string IdentityFile,
    string HostKeyPolicy,
    string KnownHostsFile,
    TimeSpan CommandTimeout);

public sealed record TentacleSpec(
    string Instance,
    int ListenPort,
    string ListenAddress,
    string? InstallerFile,
    string InstallDirectory,
    string ConfigurationFile,
    string HomeDirectory,
    string ApplicationDirectory);

/// <summary>A Windows host's IIS settings from the inventory.</summary>
/// <param name="MutexName">The system-wide mutex every IIS write holds, shared with the host's own deployment scripts.</param>
/// <param name="MutexTimeout">How long a write waits for that mutex before it fails (and the gate retries it).</param>
/// <param name="Baseline">Applied through the host's gate, in order, as the last bootstrap step.</param>
public sealed record IisSpec(string MutexName, TimeSpan MutexTimeout, IReadOnlyList<IisOperation> Baseline)
{
    public IisMutex ToMutex() => new(MutexName, MutexTimeout);
}
