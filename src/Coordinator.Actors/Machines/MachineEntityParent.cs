using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;

namespace Coordinator.Actors.Machines;

/// <summary>
/// One child per machine, created on the first message for it: the single-node stand-in for a shard region.
/// Children passivate by sending <see cref="Passivate"/>; messages that arrive while a child stops are buffered
/// and delivered to its next incarnation, which recovers from the journal.
/// </summary>
public sealed class MachineEntityParent : ReceiveActor
{
    private readonly IMessageExtractor _extractor;
    private readonly Func<string, Props> _entityProps;
    private readonly Dictionary<string, IActorRef> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _idsByEntity = new();
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _passivating = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef _stopsListener = ActorRefs.Nobody;

    public MachineEntityParent(IMessageExtractor extractor, Func<string, Props> entityProps)
    {
        _extractor = extractor;
        _entityProps = entityProps;

        Receive<Passivate>(HandlePassivate);
        Receive<ReportStopsTo>(report => _stopsListener = report.Listener);
        Receive<Terminated>(HandleTerminated);
        ReceiveAny(Deliver);
    }

    public static Props Props(IMessageExtractor extractor, Func<string, Props> entityProps) =>
        Akka.Actor.Props.Create(() => new MachineEntityParent(extractor, entityProps));

    /// <summary>
    /// Who hears of a machine actor that stopped without passivating — a journal that timed out its recovery or
    /// refused a write stops it — so a run waiting for that machine is not left waiting for ever.
    /// </summary>
    public sealed record ReportStopsTo(IActorRef Listener) : INoSerializationVerificationNeeded;

    /// <summary>The machine actor of <paramref name="Host"/> stopped on its own; its next message starts a new incarnation.</summary>
    public sealed record EntityStopped(string Host) : INoSerializationVerificationNeeded;

    /// <summary>How many machine actors are awake; exposed for tests and diagnostics.</summary>
    public sealed record GetAwakeCount : INoSerializationVerificationNeeded
    {
        public static readonly GetAwakeCount Instance = new();
    }

    private void Deliver(object message)
    {
        if (message is GetAwakeCount)
        {
            Sender.Tell(_entities.Count);
            return;
        }

        var id = _extractor.EntityId(message);
        if (string.IsNullOrEmpty(id))
        {
            _log.Warning("Dropped {MessageType}: it names no host", message.GetType().Name);
            Unhandled(message);
            return;
        }

        var payload = _extractor.EntityMessage(message) ?? message;
        if (_passivating.TryGetValue(id, out var buffer))
        {
            buffer.Add((payload, Sender));
            return;
        }

        EntityFor(id).Forward(payload);
    }

    private IActorRef EntityFor(string id)
    {
        if (_entities.TryGetValue(id, out var existing))
        {
            return existing;
        }

        var entity = Context.ActorOf(_entityProps(id), Uri.EscapeDataString(id));
        Context.Watch(entity);
        _entities[id] = entity;
        _idsByEntity[entity] = id;
        return entity;
    }

    private void HandlePassivate(Passivate passivate)
    {
        if (!_idsByEntity.TryGetValue(Sender, out var id) || _passivating.ContainsKey(id))
        {
            return;
        }

        _passivating[id] = [];
        Sender.Tell(passivate.StopMessage);
    }

    private void HandleTerminated(Terminated terminated)
    {
        if (!_idsByEntity.Remove(terminated.ActorRef, out var id))
        {
            return;
        }

        _entities.Remove(id);
        if (!_passivating.Remove(id, out var buffered))
        {
            _log.Warning("The machine actor of {Host} stopped without passivating", id);
            _stopsListener.Tell(new EntityStopped(id));
            return;
        }

        if (buffered.Count > 0)
        {
            var next = EntityFor(id);
            foreach (var (message, sender) in buffered)
            {
                next.Tell(message, sender);
            }
        }
    }
}
