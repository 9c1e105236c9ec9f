using Coordinator.Host.Configuration;
using Coordinator.Host.Persistence;
using Serilog.Events;
using Xunit;

namespace Coordinator.Tests.Configuration;

public sealed class StoreDescriptionTests
{
    private const string Password = "Tr0ub4dor&3-never-shown";

    [Fact]
    public void Sqlite_is_described_by_its_absolute_file()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "coordinator-data");

        var store = StoreDescription.Of(Settings(StoreKind.Sqlite, dataDirectory, ""));

        Assert.Equal(new StoreDescription("sqlite", Path.Combine(dataDirectory, "coordinator.db")), store);
    }

    [Fact]
    public void Postgres_is_described_by_host_port_and_database_without_credentials()
    {
        var settings = Settings(StoreKind.Postgres, "/unused",
            $"Host=db.internal;Port=5433;Database=fleet;Username=coordinator;Password={Password}");

        var store = StoreDescription.Of(settings);

        Assert.Equal(new StoreDescription("postgres", "db.internal:5433/fleet"), store);
        Assert.DoesNotContain(Password, store.ToString());
        Assert.DoesNotContain("coordinator", store.Location);
    }

    [Fact]
    public void Postgres_defaults_to_port_5432_and_the_user_name_as_database()
    {
        var store = StoreDescription.Of(Settings(StoreKind.Postgres, "/unused", $"Host=127.0.0.1;Username=coord;Password={Password}"));

        Assert.Equal("127.0.0.1:5432/coord", store.Location);
    }

    [Fact]
    public void Settings_never_print_the_connection_string()
    {
        var settings = Settings(StoreKind.Postgres, "/unused", $"Host=db;Password={Password}");

        Assert.DoesNotContain(Password, settings.ToString());
    }

    [Fact]
    public void The_sqlite_journal_connects_to_the_file_in_the_data_directory()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "coordinator data;odd");

        var connectionString = StoreConnection.For(Settings(StoreKind.Sqlite, dataDirectory, ""));

        var parsed = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        Assert.Equal(Path.Combine(dataDirectory, "coordinator.db"), parsed.DataSource);
    }

    private static CoordinatorSettings Settings(StoreKind store, string dataDirectory, string connectionString) => new()
    {
        DataDirectory = dataDirectory,
        RemoteHostname = "127.0.0.1",
        RemotePort = 4053,
        Store = store,
        PostgresConnectionString = connectionString,
        Logging = new LoggingSettings(LogEventLevel.Information, LogEventLevel.Information, LogEventLevel.Warning,
            FileEnabled: false, Path.Combine(dataDirectory, "logs"), RetainedFiles: 1),
    };
}
