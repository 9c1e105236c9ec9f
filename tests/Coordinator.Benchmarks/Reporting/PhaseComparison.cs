using Coordinator.Benchmarks.Measurement;

namespace Coordinator.Benchmarks.Reporting;

/// <summary>A phase's mean time per host in the ideal run and in a fleet run.</summary>
internal sealed record PhaseComparison(string Phase, TimeSpan Ideal, TimeSpan Fleet)
{
    public TimeSpan Growth => Fleet - Ideal;

    public static IReadOnlyList<PhaseComparison> Of(RunMeasurement ideal, RunMeasurement fleet) => [.. ideal.Phases
        .Zip(fleet.Phases, (inIdeal, inFleet) => new PhaseComparison(inIdeal.Phase, inIdeal.MeanPerHost, inFleet.MeanPerHost))
        .Where(phase => phase.Ideal > TimeSpan.Zero || phase.Fleet > TimeSpan.Zero)];
}
