using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Configuration;
using Npgsql;
using Serilog.Events;

namespace Coordinator.Host.Configuration;

/// <param name="UnrecognizedVariables"><c>COORD_*</c> environment variables nothing reads: worth a warning.</param>
public sealed record LoadedSettings(CoordinatorSettings Settings, IReadOnlyList<string> UnrecognizedVariables);

/// <summary>
/// Layers the embedded defaults, the <c>--config</c> file and the <c>COORD_*</c> environment variables,
/// and validates the result. Every failure is a <see cref="CoordinatorConfigurationException"/>.
/// </summary>
public static class CoordinatorSettingsLoader
{
    private static readonly string[] LevelNames = Enum.GetNames<LogEventLevel>();

    /// <param name="configFile">The <c>--config</c> path, or null; relative to <paramref name="currentDirectory"/>.</param>
    /// <param name="environment">The <c>COORD_*</c> variables (see <see cref="CoordinatorEnvironment.Current"/>).</param>
    /// <param name="currentDirectory">What relative paths resolve against.</param>
    public static async Task<LoadedSettings> LoadAsync(
        string? configFile,
        IReadOnlyDictionary<string, string> environment,
        string currentDirectory,
        CancellationToken cancellationToken = default)
    {
        var fileName = configFile is null ? null : Path.GetFullPath(configFile, currentDirectory);
        var file = Config.Empty;
        if (fileName is not null)
        {
            file = await HoconFile.ReadAsync(fileName, cancellationToken);
            KnownSettings.EnsureKnown(file, fileName);
        }

        LayeredSetting Read(string key) => LayeredSetting.Read(key, environment, file, fileName);

        var dataDirectory = ReadPath(Read("coordinator.data-dir"), currentDirectory);
        var store = ReadStore(Read("coordinator.persistence.provider"));
        var settings = new CoordinatorSettings
        {
            DataDirectory = dataDirectory,
            RemoteHostname = ReadNonEmpty(Read("coordinator.remote.hostname")),
            RemotePort = ReadPort(Read("coordinator.remote.port")),
            Store = store,
            PostgresConnectionString = store == StoreKind.Postgres
                ? ReadPostgresConnectionString(Read("coordinator.persistence.postgres.connection-string"))
                : "",
            Logging = ReadLogging(Read, dataDirectory, currentDirectory),
            BootstrapMaxParallel = ReadPositive(Read("coordinator.bootstrap.max-parallel")),
            StepTimeout = ReadDuration(Read("coordinator.bootstrap.step-timeout")),
            StepAttempts = ReadPositive(Read("coordinator.bootstrap.step-attempts")),
            IisAttemptTimeout = ReadDuration(Read("coordinator.iis.attempt-timeout")),
            IisAttempts = ReadPositive(Read("coordinator.iis.attempts")),
            OctopusTaskPollInterval = ReadDuration(Read("coordinator.octopus.task-poll-interval")),
            WindowsSftpDriveRoots = ReadDriveRoots(Read("coordinator.host-access.windows-sftp-drive-roots")),
            FileHocon = file,
        };

        return new LoadedSettings(settings, CoordinatorEnvironment.Unrecognized(environment));
    }

    private static LoggingSettings ReadLogging(Func<string, LayeredSetting> read, string dataDirectory, string currentDirectory)
    {
        var level = ReadLevel(read("coordinator.logging.level"), inherited: null);
        var directory = read("coordinator.logging.file.directory");
        return new LoggingSettings(
            level,
            ReadLevel(read("coordinator.logging.akka-level"), inherited: level),
            ReadLevel(read("coordinator.logging.microsoft-level"), inherited: level),
            ReadSwitch(read("coordinator.logging.file.enabled")),
            directory.Value.Length == 0 ? Path.Combine(dataDirectory, "logs") : ReadPath(directory, currentDirectory),
            ReadPositive(read("coordinator.logging.file.retained-files")));
    }

    private static string ReadNonEmpty(LayeredSetting setting) =>
        setting.Value.Trim().Length > 0 ? setting.Value.Trim() : throw setting.Invalid("must not be empty");

    private static string ReadPath(LayeredSetting setting, string currentDirectory)
    {
        var path = ReadNonEmpty(setting);
        try
        {
            return Path.GetFullPath(path, currentDirectory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw setting.Invalid("not a usable path");
        }
    }

    private static int ReadPort(LayeredSetting setting) =>
        int.TryParse(setting.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw setting.Invalid("expected a port number from 1 to 65535");

    private static int ReadPositive(LayeredSetting setting) =>
        int.TryParse(setting.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1
            ? count
            : throw setting.Invalid("expected a whole number of at least 1");

    private static TimeSpan ReadDuration(LayeredSetting setting)
    {
        var match = Regex.Match(setting.Value.Trim(), "^([0-9]+)\\s*(ms|s|m|h)$");
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount == 0)
        {
            throw setting.Invalid("expected a positive duration such as 500ms, 30s, 10m or 1h");
        }

        return match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            _ => TimeSpan.FromHours(amount),
        };
    }

    private static Dictionary<char, string> ReadDriveRoots(LayeredSetting setting)
    {
        var roots = new Dictionary<char, string>();
        foreach (var entry in setting.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts is not [[var drive], var root] || !char.IsAsciiLetter(drive) || !root.StartsWith('/'))
            {
                throw setting.Invalid("expected drive=/folder pairs separated by commas, such as C=/windows/c");
            }

            roots[char.ToUpperInvariant(drive)] = root;
        }

        return roots;
    }

    private static bool ReadSwitch(LayeredSetting setting) =>
        setting.Value.Trim().ToLowerInvariant() switch
        {
            "on" or "true" or "yes" => true,
            "off" or "false" or "no" => false,
            _ => throw setting.Invalid("expected on or off"),
        };

    private static StoreKind ReadStore(LayeredSetting setting) =>
        setting.Value.Trim().ToLowerInvariant() switch
        {
            "sqlite" => StoreKind.Sqlite,
            "postgres" => StoreKind.Postgres,
            _ => throw setting.Invalid("expected sqlite or postgres"),
        };

    private static LogEventLevel ReadLevel(LayeredSetting setting, LogEventLevel? inherited)
    {
        var name = setting.Value.Trim();
        if (name.Length == 0 && inherited is { } level)
        {
            return level;
        }

        var match = LevelNames.FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase));
        return match is not null
            ? Enum.Parse<LogEventLevel>(match)
            : throw setting.Invalid($"expected one of {string.Join(", ", LevelNames)}");
    }

    // The connection string may hold a password: no message here repeats it, nor the parser's words about it.
    private static string ReadPostgresConnectionString(LayeredSetting setting)
    {
        if (setting.Value.Trim().Length == 0)
        {
            throw setting.Invalid("required when coordinator.persistence.provider = postgres", showValue: false);
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(setting.Value);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            throw setting.Invalid("not a valid Npgsql connection string (Key=Value pairs separated by ';')", showValue: false);
        }

        return string.IsNullOrWhiteSpace(builder.Host)
            ? throw setting.Invalid("names no Host", showValue: false)
            : setting.Value;
    }
}
