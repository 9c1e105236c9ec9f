namespace Coordinator.Protocol.Machines;

/// <summary>The steps that bring one host into Octopus, in the order they run. Every step is idempotent.</summary>
public enum BootstrapStep
{
    Probe,
    Install,
    CreateInstance,
    ImportCertificate,
    Configure,
    StartService,
    Verify,
    Register,
    HealthCheck,

    /// <summary>The host's IIS baseline from the inventory, applied through its IIS gate; nothing to do without one.</summary>
    IisBaseline,
}

public static class BootstrapSteps
{
    public static readonly IReadOnlyList<BootstrapStep> InOrder = Enum.GetValues<BootstrapStep>();

    public static BootstrapStep First => InOrder[0];

    /// <summary>The step after <paramref name="step"/>, or null when it was the last.</summary>
    public static BootstrapStep? After(BootstrapStep step)
    {
        var index = (int)step + 1;
        return index < InOrder.Count ? InOrder[index] : null;
    }
}
