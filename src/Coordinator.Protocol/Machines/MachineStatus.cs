namespace Coordinator.Protocol.Machines;

/// <summary>Where a machine stands, as operators see it in <c>coord status</c>.</summary>
public enum MachineStatus
{
    /// <summary>Known to the coordinator; no bootstrap has run yet.</summary>
    Enrolled,

    /// <summary>A bootstrap is driving it through its steps.</summary>
    InProgress,

    /// <summary>Registered in Octopus, healthy, and matching the inventory.</summary>
    Ready,

    /// <summary>The last bootstrap stopped on an error; see the machine's last error.</summary>
    Failed,
}
