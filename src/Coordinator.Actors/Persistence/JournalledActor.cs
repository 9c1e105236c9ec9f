using Akka.Event;
using Akka.Persistence;

namespace Coordinator.Actors.Persistence;

/// <summary>
/// A persistent actor whose whole state is one immutable value folded from its events by a pure <see cref="Apply"/>:
/// it recovers from the latest snapshot plus the events after it, snapshots every N events and drops older snapshots.
/// What each coordinator actor does with its state is its own; this is only the bookkeeping they all share.
/// </summary>
public abstract class JournalledActor<TState, TEvent> : ReceivePersistentActor
    where TState : class
    where TEvent : class
{
    private readonly int _snapshotEvery;

    protected JournalledActor(TState initial, int snapshotEvery)
    {
        State = initial;
        _snapshotEvery = snapshotEvery;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is TState snapshot)
            {
                State = snapshot;
            }
        });
        Recover<TEvent>(e => State = Apply(State, e));
        Command<SaveSnapshotSuccess>(success => DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failure =>
            Context.GetLogger().Warning(failure.Cause, "Snapshot of {PersistenceId} failed; recovery will replay events instead", PersistenceId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    protected TState State { get; set; }

    /// <summary>The state after <paramref name="event"/>; pure, so replaying the journal always gives the same state.</summary>
    protected abstract TState Apply(TState state, TEvent @event);

    /// <summary>Persists the event, applies it, then runs <paramref name="then"/> and snapshots when one is due.</summary>
    protected void PersistAndApply<T>(T @event, Action<T> then)
        where T : TEvent
    {
        Persist(@event, persisted =>
        {
            State = Apply(State, persisted);
            then(persisted);
            SnapshotWhenDue();
        });
    }

    protected void SnapshotWhenDue()
    {
        if (LastSequenceNr % _snapshotEvery == 0)
        {
            SaveSnapshot(State);
        }
    }
}
