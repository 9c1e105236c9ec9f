using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Coordinator.Actors.Persistence;
using Coordinator.Protocol.Iis;

namespace Coordinator.Actors.Iis;

/// <summary>
/// Knows which hosts' IIS gates hold work (persisted as <c>iis-gates</c>), so that after a restart it wakes them and
/// their queued writes carry on without waiting for someone to touch those hosts; and answers the fleet-wide
/// <c>coord iis queue</c> from what the gates publish, without waking a machine per host. Requests from the CLI come
/// through here and are marked pending before they reach the gate, so no queued write can be left asleep.
/// </summary>
public sealed class IisGateDirectory : JournalledActor<IisDirectoryState, IisDirectoryEvents.IIisDirectoryEvent>
{
    public const string Name = "iis-gates";
    private const int SnapshotEvery = 500;

    private readonly IActorRef _machines;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, IisQueue> _latest = new(StringComparer.Ordinal);

    public IisGateDirectory(IActorRef machines)
        : base(IisDirectoryState.Empty, SnapshotEvery)
    {
        _machines = machines;

        Recover<RecoveryCompleted>(_ =>
        {
            if (State.PendingHosts.Count > 0)
            {
                _log.Info("Waking the IIS gates of {Count} hosts with queued writes", State.PendingHosts.Count);
            }

            foreach (var host in State.PendingHosts)
            {
                _machines.Tell(new IisCommands.Wake(host));
            }
        });

        Command<IisCommands.Enqueue>(Enqueue);
        Command<IisCommands.Cancel>(cancel => _machines.Forward(cancel));
        Command<IisCommands.GetQueue>(query => _machines.Forward(query));
        Command<IisCommands.GetOperations>(query => _machines.Forward(query));
        Command<IisCommands.GetQueues>(_ => Sender.Tell(new IisQueues(
            _latest.Values.Where(q => q.Pending.Count > 0).OrderBy(q => q.Host, StringComparer.Ordinal).ToList())));
        Command<IisGate.QueueChanged>(OnQueueChanged);
    }

    public override string PersistenceId => Name;

    protected override IisDirectoryState Apply(IisDirectoryState state, IisDirectoryEvents.IIisDirectoryEvent @event) => state.Apply(@event);

    public static Props Props(IActorRef machines) => Akka.Actor.Props.Create(() => new IisGateDirectory(machines));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe<IisGate.QueueChanged>(Self);
        base.PreStart();
    }

    private void Enqueue(IisCommands.Enqueue enqueue)
    {
        if (State.PendingHosts.Contains(enqueue.Host))
        {
            _machines.Forward(enqueue);
            return;
        }

        var replyTo = Sender;
        PersistAndApply(new IisDirectoryEvents.HostPending(enqueue.Host, DateTimeOffset.UtcNow), _ => _machines.Tell(enqueue, replyTo));
    }

    private void OnQueueChanged(IisGate.QueueChanged changed)
    {
        var queue = changed.Queue;
        _latest[queue.Host] = queue;
        var pending = queue.Pending.Count > 0;
        if (pending == State.PendingHosts.Contains(queue.Host))
        {
            return;
        }

        // The gate's own journal holds its queue; this only decides whom to wake after a restart.
        IisDirectoryEvents.IIisDirectoryEvent @event = pending
            ? new IisDirectoryEvents.HostPending(queue.Host, DateTimeOffset.UtcNow)
            : new IisDirectoryEvents.HostDrained(queue.Host, DateTimeOffset.UtcNow);
        PersistAndApply(@event, _ => { });
    }
}
