namespace Coordinator.Actors;

/// <summary>Facts about this host process that <c>coord ping</c> reports.</summary>
/// <param name="StoreKind"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="StoreLocation">The SQLite file path, or PostgreSQL host/port/database — never credentials.</param>
public sealed record NodeInfo(string Version, DateTimeOffset StartedAt, string StoreKind, string StoreLocation);
