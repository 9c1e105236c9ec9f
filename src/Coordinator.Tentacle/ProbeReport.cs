using System.Collections.Immutable;

namespace Coordinator.Tentacle;

/// <summary>What the service manager says about the Tentacle service.</summary>
public enum ServiceState
{
    /// <summary>Running (systemd <c>active</c>, Windows <c>Running</c>).</summary>
    Running,

    /// <summary>Known but not running (systemd <c>inactive</c>/<c>failed</c>/<c>activating</c>, a stopped Windows service).</summary>
    Stopped,

    /// <summary>The Windows service does not exist. (systemd reports a missing unit as <c>inactive</c>: <see cref="Stopped"/>.)</summary>
    Absent,

    /// <summary>No service manager could be asked (no systemctl; the lab's powershell has no Get-Service).</summary>
    Unknown,
}

/// <summary>One entry of <c>list-instances --format=json</c>.</summary>
public sealed record TentacleInstance(string Name, string ConfigurationFilePath);

/// <summary>The settings <c>show-configuration</c> reports that the Configure step controls; <c>null</c> when not reported.</summary>
/// <param name="HomeDirectory"><c>Octopus.Home</c>.</param>
/// <param name="ApplicationDirectory"><c>Tentacle.Deployment.ApplicationDirectory</c>.</param>
/// <param name="ListenPort"><c>Tentacle.Services.PortNumber</c>.</param>
/// <param name="ListenIpAddress"><c>Tentacle.Services.ListenIP</c>; <c>null</c> or empty means every interface.</param>
/// <param name="NoListen"><c>Tentacle.Services.NoListen</c>.</param>
/// <param name="TrustedThumbprints">The thumbprints of the trusted Octopus Servers.</param>
public sealed record TentacleConfiguration(
    string? HomeDirectory,
    string? ApplicationDirectory,
    int? ListenPort,
    string? ListenIpAddress,
    bool? NoListen,
    ImmutableArray<string> TrustedThumbprints)
{
    public bool Equals(TentacleConfiguration? other) =>
        other is not null && HomeDirectory == other.HomeDirectory && ApplicationDirectory == other.ApplicationDirectory &&
        ListenPort == other.ListenPort && ListenIpAddress == other.ListenIpAddress && NoListen == other.NoListen &&
        TrustedThumbprints.SequenceEqual(other.TrustedThumbprints);

    public override int GetHashCode() => HashCode.Combine(HomeDirectory, ApplicationDirectory, ListenPort, ListenIpAddress, NoListen);
}

/// <summary>The outcome of one Tentacle command the probe ran (its stdout and stderr as printed).</summary>
public sealed record ProbedCommand(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>What the probe found on a host. Parse with <see cref="ProbeReportParser"/>; decide with <see cref="TentaclePlanner"/>.</summary>
/// <param name="ExecutableFound">The Tentacle program exists at the desired path.</param>
/// <param name="Version">What <c>Tentacle version</c> printed, or <c>null</c> when it could not run.</param>
/// <param name="Instances">Every instance on the host.</param>
/// <param name="Instance">The desired instance, when it exists.</param>
/// <param name="Thumbprint">The certificate the instance presents (upper-case), or <c>null</c>: none, unreadable on this machine, or no instance.</param>
/// <param name="Configuration">The instance's settings, or <c>null</c> when they could not be read.</param>
/// <param name="Service">What the service manager says.</param>
/// <param name="Listening">Something accepts connections on the listen address and port.</param>
/// <param name="Commands">Each Tentacle command the probe ran, by name (version, instances, thumbprint, configuration), for diagnostics.</param>
public sealed record ProbeReport(
    bool ExecutableFound,
    string? Version,
    ImmutableArray<TentacleInstance> Instances,
    TentacleInstance? Instance,
    string? Thumbprint,
    TentacleConfiguration? Configuration,
    ServiceState Service,
    bool Listening,
    ImmutableDictionary<string, ProbedCommand> Commands)
{
    /// <summary>The service runs: the service manager says so, or, where it cannot be asked, the port answers.</summary>
    public bool ServiceRunning => Service == ServiceState.Running || (Service == ServiceState.Unknown && Listening);
}
