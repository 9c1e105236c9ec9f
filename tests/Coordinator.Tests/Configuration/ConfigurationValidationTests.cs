using Coordinator.Host.Configuration;
using Xunit;

namespace Coordinator.Tests.Configuration;

public sealed class ConfigurationValidationTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("coordinator.remote.prot = 5", "coordinator.remote.prot", "coordinator.remote.port")]
    [InlineData("coordinator.datadir = x", "coordinator.datadir", "coordinator.data-dir")]
    [InlineData("akka.remote.dot-netty.tcp.maximum-frame-sise = 1MB", "akka.remote.dot-netty.tcp.maximum-frame-sise",
        "akka.remote.dot-netty.tcp.maximum-frame-size")]
    [InlineData("akka.persistence.journal.sql.bufer-size = 1", "akka.persistence.journal.sql.bufer-size",
        "akka.persistence.journal.sql.buffer-size")]
    public async Task An_unknown_key_names_the_key_the_file_and_the_closest_known_key(string content, string key, string suggestion)
    {
        var file = _directory.Write("typo.conf", content);

        var error = await LoadFailsAsync(file);

        Assert.Equal($"unknown setting \"{key}\" in config file {file}; did you mean \"{suggestion}\"?", error.Message);
    }

    [Fact]
    public async Task An_unknown_key_far_from_any_known_one_gets_no_suggestion()
    {
        var file = _directory.Write("typo.conf", "octopus.api-key = nope");

        var error = await LoadFailsAsync(file);

        Assert.Equal($"unknown setting \"octopus.api-key\" in config file {file}", error.Message);
    }

    [Fact]
    public async Task Keys_from_akka_reference_configs_plugin_fallbacks_and_open_sections_are_accepted()
    {
        var file = _directory.Write("akka.conf", """
            akka.log-dead-letters = off
            akka.remote.dot-netty.tcp.maximum-frame-size = 256000b
            akka.stream.materializer.initial-input-buffer-size = 8
            akka.persistence.journal.sql.replay-batch-size = 500
            akka.persistence.journal.sql.circuit-breaker.max-failures = 20
            akka.persistence.snapshot-store.sql.circuit-breaker.reset-timeout = 90s
            akka.actor.deployment { "/bootstrap/workers" { router = round-robin-pool, nr-of-instances = 4 } }
            akka.actor.serialization-bindings { "System.Guid, System.Runtime" = json }
            """);

        var settings = (await CoordinatorSettingsLoader.LoadAsync(file, new Dictionary<string, string>(), _directory.Path)).Settings;

        Assert.Equal(20, settings.FileHocon.GetInt("akka.persistence.journal.sql.circuit-breaker.max-failures"));
    }

    [Theory]
    [InlineData("akka.remote.dot-netty.tcp.port = 5000", "akka.remote.dot-netty.tcp.port", "coordinator.remote.port")]
    [InlineData("akka.remote.dot-netty.tcp.hostname = 0.0.0.0", "akka.remote.dot-netty.tcp.hostname", "coordinator.remote.hostname")]
    [InlineData("akka.loglevel = DEBUG", "akka.loglevel", "coordinator.logging.level or coordinator.logging.akka-level")]
    [InlineData("akka.persistence.journal.sql.connection-string = \"Data Source=x.db\"",
        "akka.persistence.journal.sql.connection-string", "coordinator.persistence")]
    public async Task A_key_the_host_derives_from_coordinator_settings_points_to_that_setting(string content, string key, string instead)
    {
        var file = _directory.Write("derived.conf", content);

        var error = await LoadFailsAsync(file);

        Assert.Equal($"setting \"{key}\" in config file {file} is set by the host; use {instead} instead", error.Message);
    }

    [Fact]
    public async Task A_section_given_a_single_value_is_an_error()
    {
        var file = _directory.Write("section.conf", "coordinator.remote = \"127.0.0.1:4053\"");

        var error = await LoadFailsAsync(file);

        Assert.Equal($"setting \"coordinator.remote\" in config file {file} is a section; set the keys inside it instead", error.Message);
    }

    [Theory]
    [InlineData("coordinator {\n  remote {\n    port = 5\n}\n", 1, "'{' is never closed")]
    [InlineData("a {\n  b = [1, 2 }\n", 2, "'[' opened on line 2 is closed by '}'")]
    [InlineData("coordinator.remote.port = 5\n}\n", 2, "'}' has no matching opening bracket")]
    [InlineData("# a comment with { brackets\ncoordinator.data-dir = \"unterminated\n", 2, "a quoted string is not closed on the same line")]
    [InlineData("a = 1\nb = 2,,\n", 2, "unknown token")]
    [InlineData("coordinator.remote.port = 5\ncoordinator.data-dir = ${?HOME}/data\n", 2,
        "substitutions (${...}) are not supported; write the value, or use a COORD_* environment variable")]
    [InlineData("a = 1\nb = ${b}\n", 2, "substitutions (${...}) are not supported; write the value, or use a COORD_* environment variable")]
    [InlineData("# shared settings\n  include \"common.conf\"\n", 2, "include is not supported; put the settings in this file")]
    public async Task A_malformed_file_names_the_file_and_the_line(string content, int line, string problem)
    {
        var file = _directory.Write("broken.conf", content);

        var error = await LoadFailsAsync(file);

        Assert.Equal($"cannot parse config file {file} line {line}: {problem}", error.Message);
    }

    [Fact]
    public async Task A_key_without_a_value_is_named()
    {
        var file = _directory.Write("broken.conf", "coordinator.remote.port = 5\ncoordinator.data-dir\n");

        var error = await LoadFailsAsync(file);

        Assert.Equal($"cannot parse config file {file}: \"coordinator.data-dir\" has no value (expected key = value)", error.Message);
    }

    [Fact]
    public async Task Brackets_and_quotes_inside_strings_and_comments_do_not_count()
    {
        var file = _directory.Write("fine.conf", """"
            // a comment { [
            coordinator.data-dir = "state/{run}"  # another ] }
            coordinator.logging.file.directory = """logs [daily]"""
            """");

        var settings = (await CoordinatorSettingsLoader.LoadAsync(file, new Dictionary<string, string>(), _directory.Path)).Settings;

        Assert.Equal(Path.Combine(_directory.Path, "state/{run}"), settings.DataDirectory);
        Assert.Equal(Path.Combine(_directory.Path, "logs [daily]"), settings.Logging.FileDirectory);
    }

    [Fact]
    public async Task A_missing_file_names_the_file()
    {
        var file = Path.Combine(_directory.Path, "absent.conf");

        var error = await LoadFailsAsync(file);

        Assert.StartsWith($"cannot read config file {file}: ", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("http")]
    [InlineData("-1")]
    [InlineData("40 53")]
    public async Task A_bad_port_names_the_setting_the_value_and_the_file(string port)
    {
        var file = _directory.Write("port.conf", $"coordinator.remote.port = \"{port}\"");

        var error = await LoadFailsAsync(file);

        Assert.Equal(
            $"invalid coordinator.remote.port \"{port}\" from config file {file}: expected a port number from 1 to 65535",
            error.Message);
    }

    [Fact]
    public async Task A_bad_port_from_the_environment_names_the_variable()
    {
        var error = await LoadFailsAsync(null, ("COORD_REMOTE_PORT", "99999"));

        Assert.Equal(
            "invalid coordinator.remote.port \"99999\" from environment variable COORD_REMOTE_PORT: expected a port number from 1 to 65535",
            error.Message);
    }

    [Fact]
    public async Task An_unknown_store_is_an_error()
    {
        var error = await LoadFailsAsync(null, ("COORD_STORE", "mysql"));

        Assert.Equal(
            "invalid coordinator.persistence.provider \"mysql\" from environment variable COORD_STORE: expected sqlite or postgres",
            error.Message);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_is_an_error()
    {
        var file = _directory.Write("pg.conf", "coordinator.persistence.provider = postgres");

        var error = await LoadFailsAsync(file);

        Assert.Equal(
            "invalid coordinator.persistence.postgres.connection-string from built-in defaults (base.conf): "
            + "required when coordinator.persistence.provider = postgres",
            error.Message);
    }

    [Fact]
    public async Task A_malformed_postgres_connection_string_is_rejected_without_repeating_it()
    {
        var error = await LoadFailsAsync(null,
            ("COORD_STORE", "postgres"),
            ("COORD_POSTGRES_CONNECTION_STRING", "Host=db;Pasword=hunter2-secret;"));

        Assert.StartsWith(
            "invalid coordinator.persistence.postgres.connection-string from environment variable COORD_POSTGRES_CONNECTION_STRING: ",
            error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task A_postgres_connection_string_without_a_host_is_rejected_without_repeating_it()
    {
        var error = await LoadFailsAsync(null,
            ("COORD_STORE", "postgres"),
            ("COORD_POSTGRES_CONNECTION_STRING", "Database=coordinator;Password=hunter2-secret"));

        Assert.Equal(
            "invalid coordinator.persistence.postgres.connection-string from environment variable COORD_POSTGRES_CONNECTION_STRING: names no Host",
            error.Message);
    }

    [Fact]
    public async Task An_unknown_log_level_lists_the_valid_ones()
    {
        var error = await LoadFailsAsync(null, ("COORD_LOG_LEVEL", "Chatty"));

        Assert.Equal(
            "invalid coordinator.logging.level \"Chatty\" from environment variable COORD_LOG_LEVEL: "
            + "expected one of Verbose, Debug, Information, Warning, Error, Fatal",
            error.Message);
    }

    [Theory]
    [InlineData("coordinator.logging.akka-level = loud", "coordinator.logging.akka-level \"loud\"", "expected one of Verbose, Debug, Information, Warning, Error, Fatal")]
    [InlineData("coordinator.logging.file.retained-files = 0", "coordinator.logging.file.retained-files \"0\"", "expected a whole number of at least 1")]
    [InlineData("coordinator.bootstrap.max-parallel = 0", "coordinator.bootstrap.max-parallel \"0\"", "expected a whole number of at least 1")]
    [InlineData("coordinator.logging.file.enabled = maybe", "coordinator.logging.file.enabled \"maybe\"", "expected on or off")]
    [InlineData("coordinator.remote.hostname = \"\"", "coordinator.remote.hostname \"\"", "must not be empty")]
    [InlineData("coordinator.data-dir = \"\"", "coordinator.data-dir \"\"", "must not be empty")]
    public async Task Other_invalid_values_name_the_setting_and_the_file(string content, string setting, string problem)
    {
        var file = _directory.Write("values.conf", content);

        var error = await LoadFailsAsync(file);

        Assert.Equal($"invalid {setting} from config file {file}: {problem}", error.Message);
    }

    [Fact]
    public async Task Every_message_is_a_single_line()
    {
        var file = _directory.Write("broken.conf", "a {\n  b = [1, 2 }\n");

        var error = await LoadFailsAsync(file);

        Assert.DoesNotContain('\n', error.Message);
    }

    private async Task<CoordinatorConfigurationException> LoadFailsAsync(string? file, params (string Name, string Value)[] environment) =>
        await Assert.ThrowsAsync<CoordinatorConfigurationException>(() =>
            CoordinatorSettingsLoader.LoadAsync(file, environment.ToDictionary(v => v.Name, v => v.Value), _directory.Path)
                .WaitAsync(Bound));
}
