using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Fleet;

/// <summary>Commands for the BootstrapSupervisor, which keeps the fleet directory and owns runs.</summary>
public static class FleetCommands
{
    /// <summary>Add a host to the fleet and enroll its MachineActor. Reply: the machine's <see cref="Machines.MachineState"/>.</summary>
    [Manifest("fleet.enroll.v1")]
    public sealed record Enroll(string Host, string Environment, string Address) : ICoordinatorMessage, IWithHost;

    /// <summary>
    /// Bootstrap these hosts under <paramref name="RunId"/>. Reply: <see cref="RunAccepted"/>, or
    /// <see cref="Admin.AdminMessages.RequestFailed"/> when the run id is taken or the run names no hosts.
    /// </summary>
    [Manifest("fleet.start-run.v1")]
    public sealed record StartRun(string RunId, IReadOnlyList<RunHost> Hosts, RunOptions Options) : ICoordinatorMessage;

    [Manifest("fleet.run-accepted.v1")]
    public sealed record RunAccepted(string RunId, int Hosts) : ICoordinatorMessage;

    /// <summary>Stop admitting hosts and cancel the ones in flight. Reply: the run's <see cref="RunSummary"/>.</summary>
    [Manifest("fleet.cancel-run.v1")]
    public sealed record CancelRun(string RunId) : ICoordinatorMessage;

    /// <summary>Reply: <see cref="RunList"/>, newest first.</summary>
    [Manifest("fleet.get-runs.v1")]
    public sealed record GetRuns : ICoordinatorMessage
    {
        public static readonly GetRuns Instance = new();
    }

    [Manifest("fleet.run-list.v1")]
    public sealed record RunList(IReadOnlyList<RunSummary> Runs) : ICoordinatorMessage;
}
