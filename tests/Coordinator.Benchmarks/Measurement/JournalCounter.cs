using Microsoft.Data.Sqlite;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>Counts the events in the coordinator's SQLite journal, read-only and beside the running journal (WAL allows it).</summary>
public static class JournalCounter
{
    /// <summary>The table Akka.Persistence.Sql's default table mapping writes events to.</summary>
    public const string Table = "journal";

    public static async Task<long> CountAsync(string database, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(connectionString.ToString());
        await connection.OpenAsync(cancellationToken);

        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (!tables.Contains(Table, StringComparer.Ordinal))
        {
            // The journal creates its tables on its first write, which may not have happened yet.
            return tables.Count == 0
                ? 0
                : throw new BenchmarkFailedException($"the store {database} has no '{Table}' table; it has: {string.Join(", ", tables)}");
        }

        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM \"{Table}\"";
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }
}
