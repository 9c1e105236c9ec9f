using Akka.Configuration;
using Coordinator.Actors.Bootstrap;
using Serilog.Events;

namespace Coordinator.Host.Configuration;

/// <summary>The host's settings after layering and validation; paths are absolute.</summary>
public sealed record CoordinatorSettings
{
    public required string DataDirectory { get; init; }

    public required string RemoteHostname { get; init; }

    /// <summary>1–65535 from configuration; 0 (any free port) is accepted here for in-process tests.</summary>
    public required int RemotePort { get; init; }

    public required StoreKind Store { get; init; }

    /// <summary>Secret: never logged, never shown. Empty unless <see cref="Store"/> is PostgreSQL.</summary>
    public required string PostgresConnectionString { get; init; }

    public required LoggingSettings Logging { get; init; }

    /// <summary>Hosts bootstrapped at once across all runs.</summary>
    public int BootstrapMaxParallel { get; init; } = BootstrapSupervisorSettings.Default.MaxParallel;

    /// <summary>How long one bootstrap step may take on a host.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts per step before a host fails.</summary>
    public int StepAttempts { get; init; } = 5;

    /// <summary>How long one attempt of one IIS operation may take on a host.</summary>
    public TimeSpan IisAttemptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per IIS operation before it fails.</summary>
    public int IisAttempts { get; init; } = 5;

    /// <summary>How often a running Octopus task is polled.</summary>
    public TimeSpan OctopusTaskPollInterval { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Drive letter → folder on the hosts' SFTP servers; empty for OpenSSH for Windows.</summary>
    public IReadOnlyDictionary<char, string> WindowsSftpDriveRoots { get; init; } = new Dictionary<char, string>();

    /// <summary>The <c>--config</c> file's HOCON, layered over the embedded <c>akka</c> defaults.</summary>
    public Config FileHocon { get; init; } = Config.Empty;

    public string SqliteDatabasePath => Path.Combine(DataDirectory, "coordinator.db");

    public override string ToString() =>
        $"{nameof(CoordinatorSettings)} {{ DataDirectory = {DataDirectory}, Remote = {RemoteHostname}:{RemotePort}, Store = {Store} }}";
}

/// <summary>Serilog levels and the rolling CLEF file.</summary>
/// <param name="Level">Everything not matched by the overrides below.</param>
/// <param name="AkkaLevel">Sources whose name starts with <c>Akka</c>.</param>
/// <param name="MicrosoftLevel">Sources whose name starts with <c>Microsoft</c>.</param>
/// <param name="FileDirectory">Absolute; where <c>coordinator-.clef</c> files roll.</param>
public sealed record LoggingSettings(
    LogEventLevel Level,
    LogEventLevel AkkaLevel,
    LogEventLevel MicrosoftLevel,
    bool FileEnabled,
    string FileDirectory,
    int RetainedFiles);
