using System.Collections.Immutable;
using Coordinator.Iis;
using Coordinator.Inventory.Yaml;

namespace Coordinator.Inventory.Reading;

// What one level of the inventory (its 'defaults', or one host) says; null means "not said here". The resolver
// takes each setting from the host, else the defaults, else the built-in default.

/// <summary>A value with the place it was written, for checks that can only run once every level is merged.</summary>
internal sealed record Declared<T>(T Value, string Field, Position At);

internal sealed record SshLayer(
    string? User,
    int? Port,
    string? IdentityFile,
    Declared<HostKeyPolicy>? HostKeyPolicy,
    Declared<string>? KnownHostsFile,
    TimeSpan? CommandTimeout)
{
    public static SshLayer Empty { get; } = new(null, null, null, null, null, null);
}

internal sealed record TentacleDirectoriesLayer(
    string? InstallDirectory,
    string? ConfigurationFile,
    string? HomeDirectory,
    string? ApplicationDirectory)
{
    public static TentacleDirectoriesLayer Empty { get; } = new(null, null, null, null);

    public TentacleDirectoriesLayer Over(TentacleDirectoriesLayer lower) => new(
        InstallDirectory ?? lower.InstallDirectory,
        ConfigurationFile ?? lower.ConfigurationFile,
        HomeDirectory ?? lower.HomeDirectory,
        ApplicationDirectory ?? lower.ApplicationDirectory);
}

internal sealed record TentacleLayer(
    string? Instance,
    int? ListenPort,
    string? ListenAddress,
    string? LinuxInstaller,
    string? WindowsInstaller,
    TentacleDirectoriesLayer Linux,
    TentacleDirectoriesLayer Windows)
{
    public static TentacleLayer Empty { get; } =
        new(null, null, null, null, null, TentacleDirectoriesLayer.Empty, TentacleDirectoriesLayer.Empty);
}

/// <param name="Baseline">The list as a whole: a host's list replaces the defaults' list, it is not merged with it.</param>
internal sealed record IisLayer(string? MutexName, TimeSpan? MutexTimeout, Declared<ImmutableArray<IisOperation>>? Baseline)
{
    public static IisLayer Empty { get; } = new(null, null, null);
}

internal sealed record HostLayer(
    ImmutableArray<string>? Roles,
    ImmutableArray<string>? Tenants,
    string? MachinePolicy,
    SshLayer Ssh,
    TentacleLayer Tentacle,
    IisLayer Iis)
{
    public static HostLayer Empty { get; } = new(null, null, null, SshLayer.Empty, TentacleLayer.Empty, IisLayer.Empty);
}

/// <summary>A host as written; <see cref="Name"/>, <see cref="Address"/> and <see cref="Os"/> are null when missing or invalid (already reported).</summary>
internal sealed record HostDraft(
    Section Section,
    string Environment,
    string? Name,
    Position NameAt,
    string? Address,
    Position AddressAt,
    HostOs? Os,
    HostLayer Settings);
