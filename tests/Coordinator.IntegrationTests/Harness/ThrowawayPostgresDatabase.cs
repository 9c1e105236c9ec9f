using Npgsql;

namespace Coordinator.IntegrationTests.Harness;

/// <summary>
/// A fresh database on the test PostgreSQL server named by <c>COORD_TEST_POSTGRES</c> (the README's test command
/// starts one), dropped afterwards so tests never see each other's journals.
/// </summary>
internal sealed class ThrowawayPostgresDatabase : IAsyncDisposable
{
    public const string ServerVariable = "COORD_TEST_POSTGRES";

    private readonly string _serverConnectionString;
    private readonly string _name;

    private ThrowawayPostgresDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public string Password => new NpgsqlConnectionStringBuilder(ConnectionString).Password ?? string.Empty;

    public static async Task<ThrowawayPostgresDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run the tests with ./build.sh --target=Test, which starts a throwaway " +
                "PostgreSQL, or start one with tests/scripts/postgres.sh start and export what `postgres.sh env` prints.");
        }

        var name = "coord_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new ThrowawayPostgresDatabase(server, name, builder.ConnectionString);
    }

    /// <summary>Rows across every table the journal and snapshot store created.</summary>
    public async Task<long> CountRowsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var tables = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection);
        var names = new List<string>();
        await using (var reader = await tables.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        long total = 0;
        foreach (var table in names)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            total += (long)(await count.ExecuteScalarAsync())!;
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
