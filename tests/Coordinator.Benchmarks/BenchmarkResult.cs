using Coordinator.Benchmarks.Measurement;

namespace Coordinator.Benchmarks;

/// <summary>Everything one benchmark measured, for the console summary and the markdown report.</summary>
/// <param name="LoadAtStart">The system's load average when the benchmark started.</param>
/// <param name="IdealRuns">One-host runs after a warm-up; their median is the ideal.</param>
/// <param name="Fleets">The fleet runs, smallest first; after a failed one, larger ones were not run.</param>
/// <param name="SkippedFleetSizes">Sizes not run because a smaller one failed.</param>
/// <param name="CertificateCost">What making retained identities (RSA-2048) costs on this machine.</param>
public sealed record BenchmarkResult(
    BenchmarkOptions Options,
    MachineDescription Machine,
    DateTimeOffset StartedAt,
    LoadAverage? LoadAtStart,
    TimeSpan TaskPollInterval,
    IReadOnlyList<RunMeasurement> IdealRuns,
    IReadOnlyList<FleetMeasurement> Fleets,
    IReadOnlyList<int> SkippedFleetSizes,
    CertificateCost CertificateCost)
{
    /// <summary>One host's path: the median of the one-host runs.</summary>
    public RunMeasurement Ideal => IdealRuns.OrderBy(run => run.Wall).ElementAt(IdealRuns.Count / 2);

    public bool Succeeded => SkippedFleetSizes.Count == 0 && Fleets.All(fleet => fleet.Run.AllSucceeded) && IdealRuns.All(run => run.AllSucceeded);

    /// <summary>The run the details are about: the largest that succeeded, else the largest.</summary>
    public FleetMeasurement Subject => Fleets.LastOrDefault(fleet => fleet.Run.AllSucceeded) ?? Fleets[^1];

    /// <summary>The highest one-minute load average seen, at the start or after a fleet run.</summary>
    public double? PeakLoad => new[] { LoadAtStart }.Concat(Fleets.Select(fleet => fleet.LoadAfter)).Max(load => load?.OneMinute);

    /// <summary>Other work competed for the CPU: more runnable tasks than cores.</summary>
    public bool MachineWasBusy => PeakLoad > Machine.Processors;

    public double RatioOf(FleetMeasurement fleet) => fleet.Run.Wall / Ideal.Wall;

    public bool WithinTenPercent(FleetMeasurement fleet) => fleet.Run.AllSucceeded && RatioOf(fleet) <= 1.10;

    /// <summary>The least time issuing every host's certificate takes on all cores of this machine, were they idle.</summary>
    public TimeSpan CertificateBound(FleetMeasurement fleet) => CertificateCost.WallFor(fleet.Hosts, Machine.Processors);

    /// <summary>The share of the process's CPU during the run that the run's certificates need.</summary>
    public double CertificateShareOfCpu(FleetMeasurement fleet) => CertificateCost.CpuFor(fleet.Hosts) / fleet.Run.ProcessCpu;
}
