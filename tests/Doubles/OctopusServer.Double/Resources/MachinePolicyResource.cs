namespace OctopusServer.Double.Resources;

public sealed record MachinePolicyResource(
    string Id,
    string Name,
    string Description,
    bool IsDefault,
    string SpaceId,
    MachineCleanupPolicyResource MachineCleanupPolicy,
    IReadOnlyDictionary<string, string> Links);

public sealed record MachineCleanupPolicyResource(string DeleteMachinesBehavior, TimeSpan DeleteMachinesElapsedTimeSpan);
