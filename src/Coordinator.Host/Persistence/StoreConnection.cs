using Coordinator.Host.Configuration;
using Microsoft.Data.Sqlite;

namespace Coordinator.Host.Persistence;

/// <summary>The connection string the journal and snapshot store use.</summary>
public static class StoreConnection
{
    /// <summary>Secret for PostgreSQL: pass it to the plugin, never to a log.</summary>
    public static string For(CoordinatorSettings settings) => settings.Store switch
    {
        StoreKind.Sqlite => new SqliteConnectionStringBuilder { DataSource = settings.SqliteDatabasePath }.ToString(),
        StoreKind.Postgres => settings.PostgresConnectionString,
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Store, null),
    };
}
