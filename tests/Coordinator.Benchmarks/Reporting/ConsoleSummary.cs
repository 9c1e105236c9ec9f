using Coordinator.Benchmarks.Measurement;

namespace Coordinator.Benchmarks.Reporting;

/// <summary>The result in a few lines per run, for whoever ran the benchmark.</summary>
internal static class ConsoleSummary
{
    public static void Write(BenchmarkResult result, TextWriter output)
    {
        var machine = result.Machine;
        var ideal = result.Ideal;
        output.WriteLine();
        output.WriteLine($"Coordinator benchmark: {Format.Milliseconds(result.Options.Latency)} per remote operation, SQLite, max-parallel {result.Options.EffectiveMaxParallel}");
        output.WriteLine($"Machine: {machine.Processors} cores, {Format.Bytes(machine.TotalMemoryBytes)}, {machine.Cpu}, {machine.OperatingSystem}, {machine.Runtime}");
        output.WriteLine($"Load average at the start: {result.LoadAtStart?.ToString() ?? "unknown"}{(result.MachineWasBusy ? " (busy: other work competed for the CPU)" : "")}");
        output.WriteLine($"Certificates: {Format.Milliseconds(result.CertificateCost.MeanCpu)} of CPU each");
        output.WriteLine($"Ideal, one host (median of {result.IdealRuns.Count}): {Format.Seconds(ideal.Wall)}  [{string.Join(", ", result.IdealRuns.Select(r => Format.Seconds(r.Wall)))}]");
        foreach (var fleet in result.Fleets)
        {
            WriteFleet(result, fleet, output);
        }

        if (result.SkippedFleetSizes.Count > 0)
        {
            output.WriteLine($"Skipped after a failed run: {string.Join(", ", result.SkippedFleetSizes)} hosts");
        }
    }

    private static void WriteFleet(BenchmarkResult result, FleetMeasurement fleet, TextWriter output)
    {
        var run = fleet.Run;
        output.WriteLine();
        output.WriteLine($"Fleet, {Format.Count(run.Hosts)} hosts: {run.Outcome}, {Format.Seconds(run.Wall)} = {Format.Ratio(result.RatioOf(fleet))} the ideal ({(result.WithinTenPercent(fleet) ? "within" : "NOT within")} 10%)");
        output.WriteLine($"  hosts: {run.Summary.Succeeded} succeeded, {run.Summary.Failed} failed");
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
        output.WriteLine($"  journal: {Format.Count(run.JournalEvents)} events = {Format.Count(run.EventsPerSecond)} events/s over the run; alone {Format.Count(fleet.JournalCapacity)} events/s");
        output.WriteLine($"  threads: peak {run.Threads.Threads} (pool {run.Threads.PoolThreads}); {result.Ideal.Threads.Threads} in a one-host run, {fleet.ThreadsBefore} before this run");
        output.WriteLine($"  memory: peak working set {Format.Bytes(fleet.PeakWorkingSet)}; managed heap {Format.Bytes(fleet.RetainedBefore)} -> {Format.Bytes(fleet.RetainedAfter)} = {Format.Bytes(fleet.RetainedPerHost)} per idle host");
        output.WriteLine($"  transport: {Format.Count(run.Transport.Operations)} operations, mean {Format.Milliseconds(run.Transport.MeanElapsed)}, max {Format.Milliseconds(run.Transport.MaxElapsed)}");
        output.WriteLine($"  cpu: {Format.Seconds(run.ProcessCpu)} used by the process = {run.CoresUsed:0.00} cores on average; certificates need {Format.Seconds(result.CertificateCost.CpuFor(run.Hosts))} of it ({Format.Percent(result.CertificateShareOfCpu(fleet))})");
        output.WriteLine($"  alone, on idle cores: certificates at least {Format.Seconds(result.CertificateBound(fleet))}; journal at least {Format.Seconds(fleet.JournalBound)}");
        output.WriteLine("  mean time per host by phase (ideal -> fleet):");
        foreach (var phase in PhaseComparison.Of(result.Ideal, run))
        {
            output.WriteLine($"    {phase.Phase,-24} {Format.Seconds(phase.Ideal),9} -> {Format.Seconds(phase.Fleet),9}");
        }
    }
}
