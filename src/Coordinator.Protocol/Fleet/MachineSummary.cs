using Coordinator.Protocol.Machines;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Fleet;

/// <summary>One row of <c>coord status</c>: what the fleet directory knows about a machine without waking it.</summary>
[Manifest("fleet.machine-summary.v1")]
public sealed record MachineSummary(
    string Host,
    string Environment,
    MachineStatus Status,
    DateTimeOffset? UpdatedAt,
    string? LastError,
    string? Thumbprint = null) : ICoordinatorMessage;
