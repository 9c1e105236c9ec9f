using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Machines;

/// <summary>One machine's truth, folded from its events. Also its snapshot.</summary>
[Manifest("machine.state.v1")]
public sealed record MachineState(
    string Host,
    string? Environment,
    string? Address,
    MachineStatus Status,
    DateTimeOffset? EnrolledAt,
    DateTimeOffset? UpdatedAt,
    string? LastError) : ICoordinatorMessage
{
    public static MachineState New(string host) => new(host, null, null, MachineStatus.Enrolled, null, null, null);

    public bool IsEnrolled => EnrolledAt is not null;

    /// <summary>True when enrolling with these details would change nothing.</summary>
    public bool Matches(MachineCommands.Enroll command) =>
        IsEnrolled
        && string.Equals(Environment, command.Environment, StringComparison.Ordinal)
        && string.Equals(Address, command.Address, StringComparison.Ordinal);

    public MachineState Apply(MachineEvents.IMachineEvent @event) => @event switch
    {
        MachineEvents.Enrolled e => this with
        {
            Environment = e.Environment,
            Address = e.Address,
            EnrolledAt = EnrolledAt ?? e.At,
            UpdatedAt = e.At,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unhandled machine event."),
    };

    public Fleet.MachineSummary ToSummary() =>
        new(Host, Environment ?? string.Empty, Status, UpdatedAt, LastError);
}
