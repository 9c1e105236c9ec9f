namespace Coordinator.Host.Configuration;

/// <summary>Where the journal and snapshots live.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}
