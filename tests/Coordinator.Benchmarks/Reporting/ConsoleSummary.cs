using Coordinator.Benchmarks.Fleet;
using Coordinator.Benchmarks.Measurement;

namespace Coordinator.Benchmarks.Reporting;

/// <summary>The result in a few lines per run, for whoever ran the benchmark.</summary>
internal static class ConsoleSummary
{
    public static void Write(BenchmarkResult result, TextWriter output)
    {
        var machine = result.Machine;
        output.WriteLine();
        output.WriteLine($"Coordinator benchmark: {Format.Milliseconds(result.Options.Latency)} per remote operation, SQLite, max-parallel {result.Options.EffectiveMaxParallel}");
        output.WriteLine($"Machine: {machine.Processors} cores, {Format.Bytes(machine.TotalMemoryBytes)}, {machine.Cpu}, {machine.OperatingSystem}, {machine.Runtime}");
        output.WriteLine($"Load average at the start: {result.LoadAtStart?.ToString() ?? "unknown"}{(result.MachineWasBusy ? " (busy: other work competed for the CPU)" : "")}");
        output.WriteLine($"Certificates: {Format.Milliseconds(result.CertificateCost.MeanCpu)} of CPU each");
        foreach (var scenario in result.Scenarios)
        {
            var ideal = scenario.Ideal;
            output.WriteLine();
            output.WriteLine($"== {scenario.Name}");
            output.WriteLine($"Ideal, one host (median of {scenario.IdealRuns.Count}): {Format.Seconds(ideal.Wall)}  [{string.Join(", ", scenario.IdealRuns.Select(r => Format.Seconds(r.Wall)))}], cpu {Format.Seconds(ideal.ProcessCpu)}");
            foreach (var fleet in scenario.Fleets)
            {
                WriteFleet(result, scenario, fleet, output);
            }
        }

        if (result.SkippedFleetSizes.Count > 0)
        {
            output.WriteLine($"Skipped after a failed run: {string.Join(", ", result.SkippedFleetSizes)} hosts");
        }
    }

    private static void WriteFleet(BenchmarkResult result, ScenarioResult scenario, FleetMeasurement fleet, TextWriter output)
    {
        var run = fleet.Run;
        output.WriteLine();
        output.WriteLine($"{scenario.Name}, {Format.Count(run.Hosts)} hosts: {run.Outcome}, {Format.Seconds(run.Wall)} = {Format.Ratio(scenario.RatioOf(fleet))} the ideal ({(scenario.WithinTenPercent(fleet) ? "within" : "NOT within")} 10%)");
        output.WriteLine($"  hosts: {run.Summary.Succeeded} succeeded, {run.Summary.Failed} failed");
        if (fleet.Identities is { } identities)
        {
            output.WriteLine($"  identities: {(identities.Passed ? "" : "FAILED: ")}{identities}");
        }

        if (run.Stall is not null)
        {
            output.WriteLine($"  stalled: {run.Stall}");
        }

        foreach (var failure in run.Failures)
        {
            output.WriteLine($"  {failure.Hosts} x {failure.Reason}");
        }

        foreach (var problem in run.LoggedProblems)
        {
            output.WriteLine($"  logged {problem.Count} x {problem.Level}: {problem.Message}");
        }

        output.WriteLine($"  load average after the run: {fleet.LoadAfter?.ToString() ?? "unknown"}");
        output.WriteLine($"  journal: {Format.Count(run.JournalEvents)} events = {Format.Count(run.EventsPerSecond)} events/s over the run; alone {Format.Count(fleet.JournalCapacity)} events/s (>= {Format.Seconds(fleet.JournalBound)})");
        output.WriteLine($"  threads: peak {run.Threads.Threads} (pool {run.Threads.PoolThreads}, queue {run.Threads.QueuedWorkItems}); {scenario.Ideal.Threads.Threads} in a one-host run, {fleet.ThreadsBefore} before this run");
        output.WriteLine($"  memory: peak working set {Format.Bytes(fleet.PeakWorkingSet)}; managed heap {Format.Bytes(fleet.RetainedBefore)} -> {Format.Bytes(fleet.RetainedAfter)} = {Format.Bytes(fleet.RetainedPerHost)} per idle host");
        output.WriteLine($"  gc: {Format.Bytes(run.Gc.AllocatedBytes)} allocated ({Format.Bytes(run.Gc.AllocatedBytes / run.Hosts)} per host), {Format.Seconds(run.Gc.Pause)} paused, collections {run.Gc.Gen0}/{run.Gc.Gen1}/{run.Gc.Gen2}");
        output.WriteLine($"  transport: {Format.Count(run.Transport.Operations)} operations, mean {Format.Milliseconds(run.Transport.MeanElapsed)}, max {Format.Milliseconds(run.Transport.MaxElapsed)}");
        output.WriteLine($"  octopus: {Format.Count(run.Octopus.Total)} requests ({run.Octopus.PerHost:0.0} per host): {string.Join(", ", run.Octopus.Kinds.Select(k => $"{k.Count} {k.Request}"))}");
        output.WriteLine($"  cpu: {Format.Seconds(run.ProcessCpu)} used by the process = {run.CoresUsed:0.00} cores on average, {Format.Milliseconds(run.CpuPerHost)} per host (ideal {Format.Milliseconds(scenario.Ideal.CpuPerHost)})" +
                         (scenario.Scenario == FleetScenario.New ? $"; certificates need {Format.Seconds(result.CertificateCost.CpuFor(run.Hosts))} of it ({Format.Percent(result.CertificateShareOfCpu(fleet))})" : ""));
        output.WriteLine("  mean time per host by phase (ideal -> fleet):");
        foreach (var phase in PhaseComparison.Of(scenario.Ideal, run))
        {
            output.WriteLine($"    {phase.Phase,-24} {Format.Seconds(phase.Ideal),9} -> {Format.Seconds(phase.Fleet),9}");
        }
    }
}
