using Coordinator.Benchmarks.Fleet;

namespace Coordinator.Benchmarks;

/// <summary>The benchmark's command line.</summary>
/// <param name="FleetSizes">The fleet runs, smallest first; each is compared with one host's path.</param>
/// <param name="Output">Where to write the markdown report, or null for the console summary only.</param>
/// <param name="Deadline">The whole benchmark's limit: past it, it reports a failure and exits non-zero.</param>
/// <param name="KeepData">Keep the temporary directory (journal, logs) and print where it is.</param>
/// <param name="MaxParallel">The coordinator's global limit; null for the largest fleet, i.e. no limit.</param>
/// <param name="Scenarios">New fleets, rebuilt fleets or both; a rebuilt fleet is always bootstrapped new first, reported or not.</param>
public sealed record BenchmarkOptions(
    IReadOnlyList<int> FleetSizes,
    TimeSpan Latency,
    string? Output,
    TimeSpan Deadline,
    bool KeepData,
    int? MaxParallel = null,
    ScenarioSelection Scenarios = ScenarioSelection.Both)
{
    public static BenchmarkOptions Default { get; } = new([1000], TimeSpan.FromMilliseconds(50), null, TimeSpan.FromMinutes(30), false);

    public int LargestFleet => FleetSizes.Max();

    /// <summary>The coordinator's global limit: as asked, else the largest fleet, so no run is limited.</summary>
    public int EffectiveMaxParallel => MaxParallel ?? LargestFleet;

    public bool Unlimited => EffectiveMaxParallel >= LargestFleet;
}
