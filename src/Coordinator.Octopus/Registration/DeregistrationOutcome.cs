namespace Coordinator.Octopus;

/// <summary>What <c>coord forget</c> did in Octopus.</summary>
public abstract record DeregistrationOutcome
{
    private DeregistrationOutcome()
    {
    }

    public sealed record Deleted(string MachineId, string Name) : DeregistrationOutcome;

    /// <summary>No record has this id or thumbprint (maybe it was deleted already).</summary>
    public sealed record NotFound(string Identity) : DeregistrationOutcome;

    /// <summary>Nothing was deleted: the thumbprint is shared by several records; forget each by id instead.</summary>
    public sealed record Failed(string Message) : DeregistrationOutcome;
}
