using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Fleet;

/// <summary>One row of <c>coord runs</c>.</summary>
[Manifest("fleet.run-summary.v1")]
public sealed record RunSummary(
    string RunId,
    RunStatus Status,
    int Hosts,
    int Succeeded,
    int Failed,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt) : ICoordinatorMessage;
