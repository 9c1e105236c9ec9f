using Coordinator.Actors.Iis;

namespace Coordinator.Actors.Machines;

/// <param name="PassivateAfter">Idle time after which a machine actor stops; its state stays in the journal.
/// A machine in the middle of a run never passivates.</param>
/// <param name="SnapshotEvery">Events between snapshots, to keep recovery short.</param>
/// <param name="Iis">How the machine's IIS gate limits and retries its operations.</param>
public sealed record MachineActorSettings(TimeSpan PassivateAfter, int SnapshotEvery, BootstrapPolicy Bootstrap, IisGatePolicy? Iis = null)
{
    public static readonly MachineActorSettings Default = new(TimeSpan.FromMinutes(2), 50, BootstrapPolicy.Default, IisGatePolicy.Default);

    public IisGatePolicy IisPolicy => Iis ?? IisGatePolicy.Default;
}
