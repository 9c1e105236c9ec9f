using Akka.Actor;
using Akka.Event;
using Coordinator.Actors.Persistence;
using Coordinator.Protocol.HostKeys;

namespace Coordinator.Actors.HostKeys;

/// <summary>
/// Keeps the SSH host keys of <c>accept-new</c> hosts in the journal, so a restart of the coordinator does not
/// forget them and silently accept whatever a host presents next. One small actor for the whole fleet: a lookup
/// is a dictionary read, and a key is written once per host.
/// </summary>
public sealed class HostKeyDirectory : JournalledActor<HostKeyState, HostKeyMessages.IHostKeyEvent>
{
    public const string Name = "host-keys";
    private const int SnapshotEvery = 500;

    private readonly ILoggingAdapter _log = Context.GetLogger();

    public HostKeyDirectory()
        : base(HostKeyState.Empty, SnapshotEvery)
    {
        Command<HostKeyMessages.Find>(find => Sender.Tell(new HostKeyMessages.Found(find.Host, State.Keys.GetValueOrDefault(find.Host))));
        Command<HostKeyMessages.Record>(Record);
        Command<HostKeyMessages.Reset>(Reset);
    }

    public override string PersistenceId => Name;

    protected override HostKeyState Apply(HostKeyState state, HostKeyMessages.IHostKeyEvent @event) => state.Apply(@event);

    public static Props Props() => Akka.Actor.Props.Create(() => new HostKeyDirectory());

    private void Record(HostKeyMessages.Record record)
    {
        if (State.Keys.TryGetValue(record.Host, out var kept))
        {
            Sender.Tell(new HostKeyMessages.Found(record.Host, kept));
            return;
        }

        var replyTo = Sender;
        PersistAndApply(new HostKeyMessages.Recorded(record.Host, record.Key, DateTimeOffset.UtcNow), recorded =>
        {
            _log.Info("Recorded the {KeyType} host key {Fingerprint} of {Host} on first contact", recorded.Key.Type, recorded.Key.Fingerprint, recorded.Host);
            replyTo.Tell(new HostKeyMessages.Found(recorded.Host, recorded.Key));
        });
    }

    private void Reset(HostKeyMessages.Reset reset)
    {
        if (!State.Keys.TryGetValue(reset.Host, out var dropped))
        {
            Sender.Tell(new HostKeyMessages.Found(reset.Host, null));
            return;
        }

        var replyTo = Sender;
        PersistAndApply(new HostKeyMessages.Removed(reset.Host, DateTimeOffset.UtcNow), removed =>
        {
            _log.Warning("Host key {Fingerprint} of {Host} reset by an operator: the next key it presents will be recorded", dropped.Fingerprint, removed.Host);
            replyTo.Tell(new HostKeyMessages.Found(removed.Host, dropped));
        });
    }
}
