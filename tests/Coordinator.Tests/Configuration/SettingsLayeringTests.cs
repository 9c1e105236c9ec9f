using Coordinator.Host.Configuration;
using Serilog.Events;
using Xunit;

namespace Coordinator.Tests.Configuration;

public sealed class SettingsLayeringTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Without_file_or_environment_the_documented_defaults_apply()
    {
        var settings = await LoadAsync(configFile: null, Environment());

        Assert.Equal(Path.Combine(_directory.Path, "data"), settings.DataDirectory);
        Assert.Equal("127.0.0.1", settings.RemoteHostname);
        Assert.Equal(4053, settings.RemotePort);
        Assert.Equal(StoreKind.Sqlite, settings.Store);
        Assert.Equal(64, settings.BootstrapMaxParallel);
        Assert.Equal(Path.Combine(_directory.Path, "data", "coordinator.db"), settings.SqliteDatabasePath);
        Assert.Equal(
            new LoggingSettings(LogEventLevel.Information, LogEventLevel.Information, LogEventLevel.Warning,
                FileEnabled: true, Path.Combine(_directory.Path, "data", "logs"), RetainedFiles: 14),
            settings.Logging);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing to change yet\n// really\n")]
    public async Task An_empty_config_file_changes_nothing(string content)
    {
        var file = _directory.Write("empty.conf", content);

        var settings = await LoadAsync(file, Environment());

        Assert.Equal(4053, settings.RemotePort);
        Assert.Equal(Path.Combine(_directory.Path, "data"), settings.DataDirectory);
    }

    [Fact]
    public async Task The_config_file_overrides_the_defaults()
    {
        var file = _directory.Write("coordinator.conf", """
            coordinator {
              data-dir = state
              remote { hostname = localhost, port = 5100 }
              logging {
                level = debug
                microsoft-level = Error
                file { enabled = off, directory = "journal-logs", retained-files = 3 }
              }
            }
            """);

        var settings = await LoadAsync(file, Environment());

        Assert.Equal(Path.Combine(_directory.Path, "state"), settings.DataDirectory);
        Assert.Equal("localhost", settings.RemoteHostname);
        Assert.Equal(5100, settings.RemotePort);
        Assert.Equal(
            new LoggingSettings(LogEventLevel.Debug, LogEventLevel.Debug, LogEventLevel.Error,
                FileEnabled: false, Path.Combine(_directory.Path, "journal-logs"), RetainedFiles: 3),
            settings.Logging);
    }

    [Fact]
    public async Task Environment_variables_override_the_config_file()
    {
        var file = _directory.Write("coordinator.conf", """
            coordinator.remote.port = 5100
            coordinator.logging.level = Error
            coordinator.data-dir = from-file
            """);

        var settings = await LoadAsync(file, Environment(
            ("COORD_REMOTE_PORT", "5200"),
            ("COORD_LOG_LEVEL", "verbose"),
            ("COORD_REMOTE_HOSTNAME", "127.0.0.2"),
            ("COORD_DATA_DIR", "from-env")));

        Assert.Equal(5200, settings.RemotePort);
        Assert.Equal(LogEventLevel.Verbose, settings.Logging.Level);
        Assert.Equal("127.0.0.2", settings.RemoteHostname);
        Assert.Equal(Path.Combine(_directory.Path, "from-env"), settings.DataDirectory);
    }

    [Fact]
    public async Task An_empty_environment_variable_counts_as_unset()
    {
        var file = _directory.Write("coordinator.conf", "coordinator.remote.port = 5100");

        var settings = await LoadAsync(file, Environment(("COORD_REMOTE_PORT", "")));

        Assert.Equal(5100, settings.RemotePort);
    }

    [Fact]
    public async Task The_global_bootstrap_limit_comes_from_the_file_and_the_environment_wins()
    {
        var file = _directory.Write("limits.conf", "coordinator.bootstrap.max-parallel = 16");

        Assert.Equal(16, (await LoadAsync(file, Environment())).BootstrapMaxParallel);
        Assert.Equal(200, (await LoadAsync(file, Environment(("COORD_MAX_PARALLEL", "200")))).BootstrapMaxParallel);
    }

    [Fact]
    public async Task Postgres_is_chosen_through_the_environment_with_its_connection_string()
    {
        const string connectionString = "Host=db.internal;Port=5433;Database=coordinator;Username=coord;Password=s3cret";

        var settings = await LoadAsync(null, Environment(
            ("COORD_STORE", "Postgres"),
            ("COORD_POSTGRES_CONNECTION_STRING", connectionString)));

        Assert.Equal(StoreKind.Postgres, settings.Store);
        Assert.Equal(connectionString, settings.PostgresConnectionString);
    }

    [Fact]
    public async Task A_relative_data_dir_resolves_against_the_current_directory_not_the_config_file()
    {
        var configDirectory = Directory.CreateDirectory(Path.Combine(_directory.Path, "etc")).FullName;
        var file = Path.Combine(configDirectory, "coordinator.conf");
        await File.WriteAllTextAsync(file, "coordinator.data-dir = \"../var/coordinator\"");
        var workingDirectory = Directory.CreateDirectory(Path.Combine(_directory.Path, "work", "here")).FullName;

        var settings = (await CoordinatorSettingsLoader.LoadAsync(file, Environment(), workingDirectory)).Settings;

        Assert.Equal(Path.Combine(_directory.Path, "work", "var", "coordinator"), settings.DataDirectory);
        Assert.Equal(Path.Combine(_directory.Path, "work", "var", "coordinator", "logs"), settings.Logging.FileDirectory);
    }

    [Fact]
    public async Task A_relative_config_path_resolves_against_the_current_directory()
    {
        _directory.Write("relative.conf", "coordinator.remote.port = 5300");

        var settings = await LoadAsync("relative.conf", Environment());

        Assert.Equal(5300, settings.RemotePort);
    }

    [Fact]
    public async Task The_file_keeps_its_akka_settings_for_the_actor_system()
    {
        var file = _directory.Write("coordinator.conf", "akka.persistence.journal.sql.buffer-size = 12345");

        var settings = await LoadAsync(file, Environment());

        Assert.Equal(12345, settings.FileHocon.GetInt("akka.persistence.journal.sql.buffer-size"));
    }

    [Fact]
    public async Task Unrecognized_coord_variables_are_reported_but_the_cli_and_test_ones_are_not()
    {
        var loaded = await CoordinatorSettingsLoader.LoadAsync(null, Environment(
                ("COORD_REMOTE_PROT", "1"),
                ("COORD_DATADIR", "x"),
                ("COORD_ENDPOINT", "127.0.0.1:4053"),
                ("COORD_TEST_POSTGRES", "Host=127.0.0.1"),
                ("COORD_LOG_LEVEL", "Warning")),
            _directory.Path);

        Assert.Equal(["COORD_DATADIR", "COORD_REMOTE_PROT"], loaded.UnrecognizedVariables);
    }

    private async Task<CoordinatorSettings> LoadAsync(string? configFile, IReadOnlyDictionary<string, string> environment) =>
        (await CoordinatorSettingsLoader.LoadAsync(configFile, environment, _directory.Path)).Settings;

    private static Dictionary<string, string> Environment(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);
}
