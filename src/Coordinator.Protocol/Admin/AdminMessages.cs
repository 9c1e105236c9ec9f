using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Admin;

/// <summary>What the CLI may ask of <c>/user/admin</c>, and what it gets back.</summary>
public static class AdminMessages
{
    [Manifest("admin.ping.v1")]
    public sealed record Ping : ICoordinatorMessage
    {
        public static readonly Ping Instance = new();
    }

    /// <param name="StoreKind"><c>sqlite</c> or <c>postgres</c>.</param>
    /// <param name="StoreLocation">The SQLite file, or the PostgreSQL host and database (never credentials).</param>
    [Manifest("admin.pong.v1")]
    public sealed record Pong(
        string Version,
        DateTimeOffset StartedAt,
        TimeSpan Uptime,
        string StoreKind,
        string StoreLocation,
        string NodeAddress) : ICoordinatorMessage;

    [Manifest("admin.get-fleet-status.v1")]
    public sealed record GetFleetStatus : ICoordinatorMessage
    {
        public static readonly GetFleetStatus Instance = new();
    }

    [Manifest("admin.fleet-status.v1")]
    public sealed record FleetStatus(IReadOnlyList<MachineSummary> Machines) : ICoordinatorMessage;

    /// <summary>An admin request the host understood but could not carry out.</summary>
    [Manifest("admin.request-failed.v1")]
    public sealed record RequestFailed(string Reason) : ICoordinatorMessage;
}
