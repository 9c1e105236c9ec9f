using Coordinator.HostAccess;
using Coordinator.Protocol.Machines;
using Coordinator.Tentacle;

namespace Coordinator.Bootstrap.Steps;

/// <summary>Turns the persisted <see cref="MachineSpec"/> into what the host-access and Tentacle libraries take.</summary>
public static class MachineSpecs
{
    public static HostEndpoint EndpointOf(string host, MachineSpec spec) => new(
        host,
        spec.Address,
        spec.Ssh.Port,
        spec.Ssh.User,
        spec.Ssh.IdentityFile,
        spec.Os == HostPlatform.Windows ? HostOs.Windows : HostOs.Linux,
        PolicyOf(spec.Ssh.HostKeyPolicy),
        spec.Ssh.KnownHostsFile);

    public static HostKeyPolicy PolicyOf(string policy) => policy.Trim().ToLowerInvariant() switch
    {
        "strict" => HostKeyPolicy.Strict,
        "accept-new" or "acceptnew" => HostKeyPolicy.AcceptNew,
        "off" => HostKeyPolicy.Off,
        _ => throw new ArgumentException($"'{policy}' is not a host-key policy; use strict, accept-new or off.", nameof(policy)),
    };

    /// <summary>The policy as the inventory writes it, for the persisted spec.</summary>
    public static string NameOf(HostKeyPolicy policy) => policy switch
    {
        HostKeyPolicy.Strict => "strict",
        HostKeyPolicy.AcceptNew => "accept-new",
        _ => "off",
    };

    /// <summary>The Tentacle the host should end with; <paramref name="uploadedInstaller"/> only for the install step.</summary>
    public static DesiredTentacle DesiredOf(MachineSpec spec, string serverThumbprint, string? uploadedInstaller = null)
    {
        var tentacle = spec.Tentacle;
        var windows = spec.Os == HostPlatform.Windows;
        var installer = InstallerOf(spec);
        return new DesiredTentacle(
            windows ? TentaclePlatform.Windows : TentaclePlatform.Linux,
            windows ? $@"{tentacle.InstallDirectory.TrimEnd('\\')}\Tentacle.exe" : $"{tentacle.InstallDirectory.TrimEnd('/')}/Tentacle",
            tentacle.InstallDirectory,
            tentacle.Instance,
            tentacle.ConfigurationFile,
            tentacle.HomeDirectory,
            tentacle.ApplicationDirectory,
            tentacle.ListenPort,
            tentacle.ListenAddress,
            serverThumbprint,
            uploadedInstaller is null || installer is null ? null : new TentacleInstaller(uploadedInstaller, installer.Value.Kind),
            installer?.Version);
    }

    /// <summary>The installer's kind and version, read from its file name; null when the spec names none.</summary>
    public static (InstallerKind Kind, string Version)? InstallerOf(MachineSpec spec) =>
        spec.Tentacle.InstallerFile is { } file ? InstallerFileName.Read(Path.GetFileName(file)) : null;
}
