using System.Collections.Immutable;
using Coordinator.Iis;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Iis;

/// <summary>
/// What a host's IIS gate persists (as <c>iis-gate-{host}</c>): each operation when it is queued and when it
/// finishes. An operation queued but not finished when the coordinator stopped is run again after the restart,
/// from the start — which is safe because every IIS operation is idempotent.
/// </summary>
public static class IisGateEvents
{
    public interface IIisGateEvent : ICoordinatorMessage, IWithHost
    {
        long Number { get; }
    }

    [Manifest("iis-gate.queued.v1")]
    public sealed record Queued(string Host, long Number, IisOperation Operation, string Origin, string RequestKey, DateTimeOffset At) : IIisGateEvent;

    /// <param name="Outcome">Changed, Unchanged, Failed or Cancelled.</param>
    /// <param name="StartedAt">When its first attempt started; null when it was cancelled before it ran.</param>
    [Manifest("iis-gate.finished.v1")]
    public sealed record Finished(
        string Host, long Number, IisOperationState Outcome, int Attempts, DateTimeOffset? StartedAt, long DurationMs, string? Detail, DateTimeOffset At)
        : IIisGateEvent;
}

public sealed record QueuedIisOperation(long Number, IisOperation Operation, string Origin, string RequestKey, DateTimeOffset QueuedAt);

public sealed record FinishedIisOperation(
    long Number,
    string Description,
    string Origin,
    string RequestKey,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    IisOperationState Outcome,
    int Attempts,
    long DurationMs,
    string? Detail,
    DateTimeOffset FinishedAt)
{
    public IisOperationView ToView() => new(
        Number,
        Description,
        Origin,
        Outcome,
        0,
        Attempts,
        QueuedAt,
        (StartedAt ?? FinishedAt) - QueuedAt,
        StartedAt is null ? null : TimeSpan.FromMilliseconds(DurationMs),
        Detail);
}

/// <summary>A gate's queue, folded from its events; also its snapshot.</summary>
/// <param name="LastNumber">The number given to the latest operation; numbers are never reused.</param>
/// <param name="Pending">Operations not finished, in the order they run; the first is the one in flight.</param>
/// <param name="Finished">The latest finished operations, oldest first, at most <see cref="FinishedKept"/>.</param>
[Manifest("iis-gate.state.v1")]
public sealed record IisGateState(string Host, long LastNumber, ImmutableList<QueuedIisOperation> Pending, ImmutableList<FinishedIisOperation> Finished)
    : ICoordinatorMessage
{
    /// <summary>Enough for <c>coord iis queue</c> and for a follower to find its operations' outcomes.</summary>
    public const int FinishedKept = 200;

    public static IisGateState New(string host) => new(host, 0, [], []);

    public bool IsIdle => Pending.IsEmpty;

    public QueuedIisOperation? Head => Pending.IsEmpty ? null : Pending[0];

    /// <summary>The request's operations, pending or finished, in number order; empty when the gate has none left.</summary>
    public IReadOnlyList<long> NumbersOf(string requestKey) =>
        Pending.Where(p => p.RequestKey == requestKey).Select(p => p.Number)
            .Concat(Finished.Where(f => f.RequestKey == requestKey).Select(f => f.Number))
            .Order()
            .ToList();

    public IisGateState Apply(IisGateEvents.IIisGateEvent @event) => @event switch
    {
        IisGateEvents.Queued e when e.Number > LastNumber => this with
        {
            LastNumber = e.Number,
            Pending = Pending.Add(new QueuedIisOperation(e.Number, e.Operation, e.Origin, e.RequestKey, e.At)),
        },
        IisGateEvents.Finished e when Pending.Find(p => p.Number == e.Number) is { } done => this with
        {
            Pending = Pending.Remove(done),
            Finished = Trimmed(Finished.Add(new FinishedIisOperation(
                done.Number, done.Operation.Description, done.Origin, done.RequestKey, done.QueuedAt, e.StartedAt, e.Outcome, e.Attempts, e.DurationMs, e.Detail, e.At))),
        },
        // Replaying an event twice must be harmless.
        IisGateEvents.Queued or IisGateEvents.Finished => this,
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unhandled IIS gate event."),
    };

    private static ImmutableList<FinishedIisOperation> Trimmed(ImmutableList<FinishedIisOperation> finished) =>
        finished.Count <= FinishedKept ? finished : finished.RemoveRange(0, finished.Count - FinishedKept);
}

/// <summary>Which hosts' gates hold work, persisted as <c>iis-gates</c> so a restart wakes them.</summary>
public static class IisDirectoryEvents
{
    public interface IIisDirectoryEvent : ICoordinatorMessage, IWithHost;

    [Manifest("iis-gates.pending.v1")]
    public sealed record HostPending(string Host, DateTimeOffset At) : IIisDirectoryEvent;

    [Manifest("iis-gates.drained.v1")]
    public sealed record HostDrained(string Host, DateTimeOffset At) : IIisDirectoryEvent;
}

[Manifest("iis-gates.state.v1")]
public sealed record IisDirectoryState(ImmutableSortedSet<string> PendingHosts) : ICoordinatorMessage
{
    public static readonly IisDirectoryState Empty = new(ImmutableSortedSet.Create<string>(StringComparer.Ordinal));

    public IisDirectoryState Apply(IisDirectoryEvents.IIisDirectoryEvent @event) => @event switch
    {
        IisDirectoryEvents.HostPending e => new(PendingHosts.Add(e.Host)),
        IisDirectoryEvents.HostDrained e => new(PendingHosts.Remove(e.Host)),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unhandled IIS directory event."),
    };
}
