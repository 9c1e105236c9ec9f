namespace Coordinator.Octopus;

/// <summary>The one message for "several machines share a thumbprint", wherever it is found.</summary>
internal static class Duplicates
{
    public static string Describe(string thumbprint, IReadOnlyList<OctopusMachine> machines) =>
        $"Octopus has {machines.Count} machines with the thumbprint {thumbprint}: " +
        string.Join(", ", machines.Select(m => $"{m.Id} '{m.Name}' ({m.Uri})")) + ". " +
        "A thumbprint must identify one machine (cloned images share certificates, and deployments then silently skip " +
        "targets), so the coordinator will not pick one: delete the records that do not belong to this host, then run again.";
}
