using Coordinator.Benchmarks.Fleet;
using Coordinator.Benchmarks.Measurement;

namespace Coordinator.Benchmarks;

/// <summary>One scenario's runs: its own ideal (one host's path in that scenario) and its fleet runs, smallest first.</summary>
/// <param name="IdealRuns">One-host runs of this scenario after a warm-up; their median is the ideal.</param>
public sealed record ScenarioResult(FleetScenario Scenario, IReadOnlyList<RunMeasurement> IdealRuns, IReadOnlyList<FleetMeasurement> Fleets)
{
    /// <summary>One host's path: the median of the one-host runs.</summary>
    public RunMeasurement Ideal => IdealRuns.OrderBy(run => run.Wall).ElementAt(IdealRuns.Count / 2);

    public string Name => Scenario == FleetScenario.New ? "new fleet" : "rebuilt fleet";

    public bool Succeeded => IdealRuns.All(run => run.AllSucceeded) && Fleets.All(fleet => fleet.Succeeded);

    /// <summary>The run the details are about: the largest that succeeded, else the largest; null when none ran.</summary>
    public FleetMeasurement? Subject => Fleets.LastOrDefault(fleet => fleet.Succeeded) ?? Fleets.LastOrDefault();

    public double RatioOf(FleetMeasurement fleet) => fleet.Run.Wall / Ideal.Wall;

    public bool WithinTenPercent(FleetMeasurement fleet) => fleet.Succeeded && RatioOf(fleet) <= 1.10;
}
