namespace Coordinator.Octopus;

/// <summary>What a registration did, or why it refused to do anything.</summary>
public abstract record RegistrationOutcome
{
    private RegistrationOutcome()
    {
    }

    /// <summary>No record had this thumbprint or name: a new one was POSTed.</summary>
    public sealed record Created(string MachineId) : RegistrationOutcome;

    /// <summary>The record was PUT back with these fields changed; everything else in it was kept.</summary>
    public sealed record Updated(string MachineId, IReadOnlyList<MachineChange> Changes) : RegistrationOutcome;

    /// <summary>The record already says what is desired; nothing was written.</summary>
    public sealed record Unchanged(string MachineId) : RegistrationOutcome;

    /// <summary>Nothing was written, and running again will not help until someone acts on <see cref="Message"/>.</summary>
    public sealed record Failed(RegistrationFailure Reason, string Message) : RegistrationOutcome;
}

public enum RegistrationFailure
{
    /// <summary>Several records share the thumbprint; the coordinator never picks one.</summary>
    DuplicateThumbprint,

    /// <summary>A record with the name exists under another thumbprint, and taking it over was not asked for.</summary>
    NameTaken,

    /// <summary>The matching record is a polling Tentacle; Octopus cannot change an endpoint's type in place.</summary>
    EndpointTypeMismatch,

    UnknownSpace,
    UnknownEnvironment,
    UnknownMachinePolicy,
}

/// <summary>One managed field that a registration changed, for the run's report.</summary>
public sealed record MachineChange(string Field, string Before, string After)
{
    public override string ToString() => $"{Field}: {Before} → {After}";
}
