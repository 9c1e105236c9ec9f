using Coordinator.Host.Configuration;
using Npgsql;

namespace Coordinator.Host.Persistence;

/// <summary>What <c>coord ping</c> and the ready line show about the store: never a credential.</summary>
/// <param name="Kind"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="Location">The SQLite file's absolute path, or PostgreSQL's <c>host:port/database</c>.</param>
public sealed record StoreDescription(string Kind, string Location)
{
    public static StoreDescription Of(CoordinatorSettings settings) => settings.Store switch
    {
        StoreKind.Sqlite => new StoreDescription("sqlite", settings.SqliteDatabasePath),
        StoreKind.Postgres => new StoreDescription("postgres", PostgresLocation(settings.PostgresConnectionString)),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Store, null),
    };

    private static string PostgresLocation(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // PostgreSQL's own default when no database is named: the user's name.
        var database = builder.Database ?? builder.Username ?? "";
        return $"{builder.Host}:{builder.Port}/{database}";
    }
}
