namespace Coordinator.Benchmarks.Fleet;

/// <summary>What the hosts of a run are when the coordinator reaches them.</summary>
public enum FleetScenario
{
    /// <summary>Hosts the coordinator has never seen: each needs a retained certificate before its first step.</summary>
    New,

    /// <summary>
    /// The product's main case: hosts the coordinator bootstrapped before, destroyed and recreated blank (nothing
    /// installed, no instance, no certificate); the coordinator still holds their certificates and Octopus their machines.
    /// </summary>
    Rebuilt,
}

/// <summary>Which scenarios <c>--scenario</c> asked for.</summary>
public enum ScenarioSelection
{
    New,
    Rebuilt,
    Both,
}

public static class ScenarioSelectionExtensions
{
    public static bool Includes(this ScenarioSelection selection, FleetScenario scenario) => selection switch
    {
        ScenarioSelection.Both => true,
        ScenarioSelection.New => scenario == FleetScenario.New,
        _ => scenario == FleetScenario.Rebuilt,
    };

    public static string ToArgument(this ScenarioSelection selection) => selection.ToString().ToLowerInvariant();
}
