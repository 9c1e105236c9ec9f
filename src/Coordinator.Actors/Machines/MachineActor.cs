using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using Coordinator.Protocol.Machines;

namespace Coordinator.Actors.Machines;

/// <summary>
/// Owns one machine's truth, persisted as <c>machine-{host}</c>. Thin by design: <see cref="MachineState"/> decides,
/// this actor persists, applies and replies. Idle machines passivate so a large fleet costs little memory.
/// </summary>
public sealed class MachineActor : ReceivePersistentActor
{
    private readonly MachineActorSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private MachineState _state;

    public MachineActor(string host, MachineActorSettings settings)
    {
        _settings = settings;
        _state = MachineState.New(host);
        PersistenceId = PersistenceIdFor(host);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is MachineState snapshot)
            {
                _state = snapshot;
            }
        });
        Recover<MachineEvents.IMachineEvent>(e => _state = _state.Apply(e));

        Command<MachineCommands.Enroll>(Enroll);
        Command<MachineCommands.GetState>(_ => Sender.Tell(_state));
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
        Command<SaveSnapshotSuccess>(success =>
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failure =>
            _log.Warning(failure.Cause, "Snapshot of {Host} failed; recovery will replay events instead", _state.Host));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdFor(string host) => $"machine-{host}";

    public static Props Props(string host, MachineActorSettings settings) =>
        Akka.Actor.Props.Create(() => new MachineActor(host, settings));

    protected override void PreStart()
    {
        Context.SetReceiveTimeout(_settings.PassivateAfter);
        base.PreStart();
    }

    private void Enroll(MachineCommands.Enroll command)
    {
        if (_state.Matches(command))
        {
            Sender.Tell(_state);
            return;
        }

        var replyTo = Sender;
        Persist(new MachineEvents.Enrolled(command.Host, command.Environment, command.Address, DateTimeOffset.UtcNow), enrolled =>
        {
            _state = _state.Apply(enrolled);
            _log.Info("Machine {Host} enrolled in {Environment} at {Address}", enrolled.Host, enrolled.Environment, enrolled.Address);
            replyTo.Tell(_state);
            SnapshotWhenDue();
        });
    }

    private void SnapshotWhenDue()
    {
        if (LastSequenceNr % _settings.SnapshotEvery == 0)
        {
            SaveSnapshot(_state);
        }
    }
}

/// <param name="PassivateAfter">Idle time after which a machine actor stops; its state stays in the journal.</param>
/// <param name="SnapshotEvery">Events between snapshots, to keep recovery short.</param>
public sealed record MachineActorSettings(TimeSpan PassivateAfter, int SnapshotEvery)
{
    public static readonly MachineActorSettings Default = new(TimeSpan.FromMinutes(2), 50);
}
