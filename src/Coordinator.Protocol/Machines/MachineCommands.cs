using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Machines;

/// <summary>Commands a MachineActor accepts. Every one names its host, which is the entity id.</summary>
public static class MachineCommands
{
    /// <summary>Make the host known (idempotent: enrolling again with the same details changes nothing).</summary>
    [Manifest("machine.enroll.v1")]
    public sealed record Enroll(string Host, string Environment, string Address) : ICoordinatorMessage, IWithHost;

    /// <summary>
    /// Drive the host through every <see cref="BootstrapStep"/> for run <paramref name="RunId"/>. Sending it again for
    /// the same run (as the supervisor does after a restart) resumes where the run stopped. Reply: the machine's
    /// <see cref="MachineState"/>; progress and the outcome go to the sender as <see cref="MachineReports"/>.
    /// </summary>
    /// <param name="StreamOutput">Report every line the host's commands print (<c>--sequential</c>), as <see cref="MachineReports.StepOutput"/>.</param>
    [Manifest("machine.start-bootstrap.v1")]
    public sealed record StartBootstrap(string Host, string RunId, MachineSpec Spec, bool StreamOutput = false) : ICoordinatorMessage, IWithHost;

    /// <summary>Stop the run after the step in flight; the host is left as that step left it.</summary>
    [Manifest("machine.cancel-bootstrap.v1")]
    public sealed record CancelBootstrap(string Host, string RunId) : ICoordinatorMessage, IWithHost;

    /// <summary>Reply: the machine's <see cref="MachineState"/>.</summary>
    [Manifest("machine.get-state.v1")]
    public sealed record GetState(string Host) : ICoordinatorMessage, IWithHost;
}
