using Coordinator.Host.Configuration;

namespace Coordinator.Host;

public enum HostCommand
{
    Run,
    Help,
    Version,
}

/// <summary>The host's few arguments: <c>--config PATH</c>, <c>--help</c>, <c>--version</c>.</summary>
public sealed record HostCommandLine(HostCommand Command, string? ConfigFile)
{
    public static HostCommandLine Parse(IReadOnlyList<string> args)
    {
        var command = HostCommand.Run;
        string? configFile = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    command = HostCommand.Help;
                    break;
                case "--version":
                    command = command == HostCommand.Help ? command : HostCommand.Version;
                    break;
                case "--config" when i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal):
                    configFile = args[++i];
                    break;
                case "--config":
                    throw new CoordinatorConfigurationException("--config needs a file path: --config PATH");
                case var _ when arg.StartsWith("--config=", StringComparison.Ordinal) && arg.Length > "--config=".Length:
                    configFile = arg["--config=".Length..];
                    break;
                default:
                    throw new CoordinatorConfigurationException($"unknown argument \"{arg}\"; see --help");
            }
        }

        return new HostCommandLine(command, configFile);
    }

    public static string Usage => $"""
        Coordinator host {CoordinatorVersion.Current}: bootstraps Octopus Deploy Tentacle on fleets of machines
        and keeps them registered. Operators drive it with the `coord` CLI.

        Usage:
          Coordinator.Host [--config PATH]
          Coordinator.Host --help | --version

        Options:
          --config PATH   A HOCON file layered over the built-in defaults (hocon/base.conf, which documents
                          every coordinator.* setting). It may set coordinator.* and akka.* keys; an unknown
                          key is an error.
          -h, --help      Show this help.
          --version       Show the version.

        Environment variables (override the --config file; an empty value counts as unset):
          COORD_DATA_DIR                    coordinator.data-dir (default ./data; relative to the current directory)
          COORD_REMOTE_HOSTNAME             coordinator.remote.hostname (default 127.0.0.1)
          COORD_REMOTE_PORT                 coordinator.remote.port (default 4053)
          COORD_STORE                       coordinator.persistence.provider: sqlite (default) or postgres
          COORD_POSTGRES_CONNECTION_STRING  coordinator.persistence.postgres.connection-string
          COORD_LOG_LEVEL                   coordinator.logging.level: Verbose, Debug, Information (default),
                                            Warning, Error or Fatal
          COORD_MAX_PARALLEL                coordinator.bootstrap.max-parallel: hosts bootstrapped at once (default 64)
          COORD_STEP_TIMEOUT                coordinator.bootstrap.step-timeout: one step's limit on a host (default 10m)
          COORD_STEP_ATTEMPTS               coordinator.bootstrap.step-attempts: attempts per step (default 5)
          COORD_IIS_ATTEMPT_TIMEOUT         coordinator.iis.attempt-timeout: one IIS operation's limit (default 5m)
          COORD_IIS_ATTEMPTS                coordinator.iis.attempts: attempts per IIS operation (default 5)
          COORD_OCTOPUS_TASK_POLL_INTERVAL  coordinator.octopus.task-poll-interval: health-check polling (default 4s)
          COORD_WINDOWS_SFTP_DRIVE_ROOTS    coordinator.host-access.windows-sftp-drive-roots: C=/folder,... for
                                            SFTP servers that keep drives in folders (default: OpenSSH for Windows)
          COORD_CERTIFICATE_KEY             the certificate key (base64, 32 bytes) instead of <data-dir>/keys/certificates.key
        Other COORD_* variables get a warning; COORD_ENDPOINT (read by coord) and COORD_TEST_* are ignored.

        Logs: console, plus coordinator-YYYYMMDD.clef (compact JSON) in <data-dir>/logs unless
        coordinator.logging.file says otherwise. The SQLite store is <data-dir>/coordinator.db.

        Exit codes: 0 stopped cleanly; 1 failed while starting or running; 2 configuration error
        (bad argument, file, key or value, or the remote port already in use).
        """;
}
