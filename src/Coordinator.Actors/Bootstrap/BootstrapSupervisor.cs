using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Coordinator.Protocol.Admin;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;

namespace Coordinator.Actors.Bootstrap;

/// <summary>
/// Keeps the fleet directory (which machines exist, and a summary of each) so <c>coord status</c> never has to wake
/// every machine actor. Later it also owns runs: admission, limits, thresholds, cancel and retry.
/// </summary>
public sealed class BootstrapSupervisor : ReceivePersistentActor
{
    public const string Name = "bootstrap";
    public const int SnapshotEvery = 200;

    private readonly IActorRef _machines;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private FleetState _fleet = FleetState.Empty;

    public BootstrapSupervisor(IActorRef machines)
    {
        _machines = machines;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is FleetState snapshot)
            {
                _fleet = snapshot;
            }
        });
        Recover<FleetEvents.IFleetEvent>(e => _fleet = _fleet.Apply(e));

        Command<FleetCommands.Enroll>(Enroll);
        Command<AdminMessages.GetFleetStatus>(_ =>
            Sender.Tell(new AdminMessages.FleetStatus(_fleet.Machines.Values.ToList())));
        Command<SaveSnapshotSuccess>(success =>
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failure =>
            _log.Warning(failure.Cause, "Fleet snapshot failed; recovery will replay events instead"));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId => "bootstrap-supervisor";

    public static Props Props(IActorRef machines) => Akka.Actor.Props.Create(() => new BootstrapSupervisor(machines));

    private void Enroll(FleetCommands.Enroll command)
    {
        var enroll = new MachineCommands.Enroll(command.Host, command.Environment, command.Address);
        if (_fleet.Knows(command.Host))
        {
            _machines.Forward(enroll);
            return;
        }

        var replyTo = Sender;
        Persist(new FleetEvents.MachineAdded(command.Host, command.Environment, DateTimeOffset.UtcNow), added =>
        {
            _fleet = _fleet.Apply(added);
            _log.Info("Machine {Host} added to the fleet in {Environment}", added.Host, added.Environment);
            _machines.Tell(enroll, replyTo);
            if (LastSequenceNr % SnapshotEvery == 0)
            {
                SaveSnapshot(_fleet);
            }
        });
    }
}
