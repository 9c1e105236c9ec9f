using Coordinator.Benchmarks.Fleet;
using Coordinator.Benchmarks.Measurement;

namespace Coordinator.Benchmarks;

/// <summary>Everything one benchmark measured, for the console summary and the markdown report.</summary>
/// <param name="LoadAtStart">The system's load average when the benchmark started.</param>
/// <param name="Scenarios">The scenarios asked for, new fleet first; each with its ideal and its fleet runs.</param>
/// <param name="SkippedFleetSizes">Sizes not run because a smaller one failed.</param>
/// <param name="CertificateCost">What making retained identities (RSA-2048) costs on this machine.</param>
/// <param name="PassivationWait">How long rebuilt hosts' machine actors had been idle at least, so every one of them had stopped.</param>
public sealed record BenchmarkResult(
    BenchmarkOptions Options,
    MachineDescription Machine,
    DateTimeOffset StartedAt,
    LoadAverage? LoadAtStart,
    TimeSpan TaskPollInterval,
    IReadOnlyList<ScenarioResult> Scenarios,
    IReadOnlyList<int> SkippedFleetSizes,
    CertificateCost CertificateCost,
    TimeSpan PassivationWait)
{
    public bool Succeeded => SkippedFleetSizes.Count == 0 && Scenarios.All(scenario => scenario.Succeeded);

    public ScenarioResult? Of(FleetScenario scenario) => Scenarios.FirstOrDefault(s => s.Scenario == scenario);

    private IEnumerable<FleetMeasurement> AllFleets => Scenarios.SelectMany(scenario => scenario.Fleets);

    /// <summary>The highest one-minute load average seen, at the start or after a fleet run.</summary>
    public double? PeakLoad => new[] { LoadAtStart }.Concat(AllFleets.Select(fleet => fleet.LoadAfter)).Max(load => load?.OneMinute);

    /// <summary>The lowest one-minute load average seen, at the start or after a fleet run.</summary>
    public double? LowestLoad => new[] { LoadAtStart }.Concat(AllFleets.Select(fleet => fleet.LoadAfter)).Where(load => load is not null).Min(load => load!.OneMinute);

    /// <summary>Other work competed for the CPU: more runnable tasks than cores.</summary>
    public bool MachineWasBusy => PeakLoad > Machine.Processors;

    /// <summary>The least time issuing every host's certificate takes on all cores of this machine, were they idle.</summary>
    public TimeSpan CertificateBound(FleetMeasurement fleet) => CertificateCost.WallFor(fleet.Hosts, Machine.Processors);

    /// <summary>The share of the process's CPU during the run that the run's certificates need.</summary>
    public double CertificateShareOfCpu(FleetMeasurement fleet) => CertificateCost.CpuFor(fleet.Hosts) / fleet.Run.ProcessCpu;
}
