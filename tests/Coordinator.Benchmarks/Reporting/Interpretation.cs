using Coordinator.Benchmarks.Measurement;

namespace Coordinator.Benchmarks.Reporting;

/// <summary>What the numbers say, in sentences built from the numbers themselves, so a rerun's report stays true.</summary>
internal static class Interpretation
{
    /// <summary>SQLite in WAL mode, read-uncommitted, 10,000 actors on a 2-core machine: shared/spec/journal-tuning.md.</summary>
    private const int TunedSqliteEventsPerSecond = 1987;

    public static IReadOnlyList<string> Of(BenchmarkResult result)
    {
        var paragraphs = result.Fleets.Select(fleet => Verdict(result, fleet)).ToList();
        if (result.MachineWasBusy)
        {
            paragraphs.Add(Busy(result));
        }

        if (result.SkippedFleetSizes.Count > 0)
        {
            paragraphs.Add($"Not run, because a smaller fleet failed: {string.Join(", ", result.SkippedFleetSizes.Select(size => Format.Count(size)))} hosts.");
        }

        paragraphs.AddRange(result.Fleets.Where(fleet => !fleet.Run.AllSucceeded).Select(Failure));

        var subject = result.Subject;
        paragraphs.Add($"The rest is about the {Format.Count(subject.Hosts)}-host run.");
        if (!result.WithinTenPercent(subject))
        {
            paragraphs.Add(Bounds(result, subject));
            paragraphs.Add(Phases(result, subject));
        }

        paragraphs.Add(Transport(result, subject));
        paragraphs.Add(Journal(subject));
        paragraphs.Add(Threads(result, subject));
        paragraphs.Add(Memory(subject));
        return paragraphs;
    }

    private static string Verdict(BenchmarkResult result, FleetMeasurement fleet)
    {
        var run = fleet.Run;
        if (run.Stall is not null)
        {
            return $"The {Format.Count(run.Hosts)}-host run **did not finish**: {run.Summary.Succeeded} of its hosts succeeded within " +
                   $"{Format.Seconds(run.Wall)} ({Format.Ratio(result.RatioOf(fleet))} the ideal), then {run.Stall}.";
        }

        var verdict = result.WithinTenPercent(fleet)
            ? "**within** the aim of 10% over the ideal."
            : $"**not** within the aim of 10% over the ideal (at most {Format.Seconds(result.Ideal.Wall * 1.1)}).";
        var failed = run.AllSucceeded ? "" : $" It ended {run.Outcome} with {run.Summary.Failed} hosts failed.";
        return $"The {Format.Count(run.Hosts)}-host run took {Format.Seconds(run.Wall)} against an ideal of " +
               $"{Format.Seconds(result.Ideal.Wall)} (one host's path): {Format.Ratio(result.RatioOf(fleet))}, {verdict}{failed}";
    }

    private static string Busy(BenchmarkResult result) =>
        $"The machine was not idle: its one-minute load average reached {result.PeakLoad:0.0} on {result.Machine.Processors} cores " +
        $"(at the start: {result.LoadAtStart}). Other processes competed for the CPU throughout, so every absolute time here, the " +
        "ideal's included, is pessimistic; the ratios, the phase shares and the failure modes are what to read.";

    private static string Failure(FleetMeasurement fleet)
    {
        var run = fleet.Run;
        var outcomes = string.Join("; ", run.Failures.Select(f => $"{Format.Count(f.Hosts)} × {f.Reason}"));
        var logged = run.LoggedProblems.Count == 0
            ? "The coordinator logged no warning or error."
            : "What the coordinator logged meanwhile (warnings and errors, grouped): " +
              string.Join("; ", run.LoggedProblems.Select(p => $"{Format.Count(p.Count)} × {p.Level} `{p.Message}`")) + ".";
        return $"The {Format.Count(run.Hosts)}-host run's hosts that did not succeed: {outcomes}. {logged}";
    }

    private static string Bounds(BenchmarkResult result, FleetMeasurement fleet)
    {
        var run = fleet.Run;
        var cores = result.Machine.Processors;
        var certificateCpu = result.CertificateCost.CpuFor(run.Hosts);
        var share = result.CertificateShareOfCpu(fleet);
        var journalShare = fleet.JournalBound / run.Wall;
        var conclusion = share >= 0.5
            ? $"So the run is CPU-bound on issuing certificates: {(share >= 0.95 ? "nearly all" : $"about {Format.Percent(share)}")} of the CPU the process used."
            : journalShare >= 0.5
                ? $"So writing the journal dominates: at the rate it took alone it needs {Format.Percent(journalShare)} of the wall time."
                : "Neither dominates on its own; the time goes to their sum and to the coordinator's other work.";
        var others = run.CoresUsed < cores * 0.8 && result.MachineWasBusy ? "; other processes had the rest" : "";
        return $"Every new host needs an RSA-2048 retained certificate before its first step: {Format.Milliseconds(result.CertificateCost.MeanCpu)} " +
               $"of CPU each on average (key generation varies a lot from key to key), about {Format.Seconds(certificateCpu)} for " +
               $"{Format.Count(run.Hosts)} hosts, against {Format.Seconds(run.ProcessCpu)} of CPU the whole process (coordinator, Octopus " +
               $"double, simulation) used during the run. The run retained {run.Hosts / run.Wall.TotalSeconds:0.0} certificates per second: " +
               $"{certificateCpu / run.Wall:0.00} cores' worth of key generation without pause, out of {cores}. With every core generating, " +
               $"the certificates alone would still need at least {Format.Seconds(result.CertificateBound(fleet))}, " +
               $"{Format.Ratio(result.CertificateBound(fleet) / result.Ideal.Wall)} the ideal. The journal needs at least " +
               $"{Format.Seconds(fleet.JournalBound)} for the run's {Format.Count(run.JournalEvents)} events at the " +
               $"{Format.Count(fleet.JournalCapacity)} events/s it took from {Format.Count(run.Hosts)} bare persistent actors. " +
               $"The process kept {run.CoresUsed:0.00} of the {cores} cores busy on average{others}. {conclusion}";
    }

    private static string Phases(BenchmarkResult result, FleetMeasurement fleet)
    {
        var grown = PhaseComparison.Of(result.Ideal, fleet.Run).OrderByDescending(p => p.Growth).Take(3)
            .Select(p => $"{p.Phase} ({Format.Seconds(p.Ideal)} → {Format.Seconds(p.Fleet)})");
        var steps = PhaseComparison.Of(result.Ideal, fleet.Run).Where(p => p.Phase is not (PhaseTimeline.BeforeFirstStep or PhaseTimeline.WaitingForAdmission)).ToList();
        var idealSteps = steps.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Ideal);
        var fleetSteps = steps.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Fleet);
        return "Per host, the phases that grew most from the ideal (mean time per host; a step's phase includes persisting its " +
               $"event, and \"{PhaseTimeline.BeforeFirstStep}\" is persisting the run's start and issuing and persisting the " +
               $"certificate): {string.Join(", ", grown)}. Once it had its certificate, a host went through its nine steps in " +
               $"{Format.Seconds(fleetSteps)} on average against {Format.Seconds(idealSteps)} in the ideal run ({Format.Ratio(fleetSteps / idealSteps)}).";
    }

    private static string Transport(BenchmarkResult result, FleetMeasurement fleet)
    {
        var transport = fleet.Run.Transport;
        var latency = result.Options.Latency;
        var late = transport.MeanElapsed - latency;
        var meaning = late > TimeSpan.FromMilliseconds(Math.Max(5, latency.TotalMilliseconds * 0.2))
            ? "the timers' continuations waited for a thread-pool thread, so the pool was saturated while they were due."
            : "the simulated hosts answered on time, so any growth is on the coordinator's side.";
        return $"The {Format.Count(transport.Operations)} simulated remote operations took {Format.Milliseconds(transport.MeanElapsed)} " +
               $"on average against the fixed {Format.Milliseconds(latency)} (the slowest {Format.Milliseconds(transport.MaxElapsed)}): {meaning}";
    }

    private static string Journal(FleetMeasurement fleet)
    {
        var run = fleet.Run;
        return $"The journal took {Format.Count(run.JournalEvents)} events during the run, " +
               $"{Format.Count(run.JournalEvents / (double)run.Hosts)} per host, at {Format.Count(run.EventsPerSecond)} events/s over its " +
               $"wall time; on its own it took {Format.Count(fleet.JournalCapacity)} events/s from as many bare actors " +
               $"(journal-tuning.md measured {Format.Count(TunedSqliteEventsPerSecond)} events/s for this SQLite configuration " +
               "with 10,000 actors on a 2-core machine).";
    }

    private static string Threads(BenchmarkResult result, FleetMeasurement fleet)
    {
        var run = fleet.Run;
        var growth = run.Threads.Threads - result.Ideal.Threads.Threads;
        var conclusion = growth * 10 < run.Hosts
            ? "far fewer than one per host: hosts wait on timers and tasks, not on threads."
            : "the count grew with the fleet; the thread pool's share shows how much of it the pool added under load.";
        return $"The process peaked at {run.Threads.Threads} threads ({run.Threads.PoolThreads} of them the thread pool's) with " +
               $"{Format.Count(run.Hosts)} hosts in flight, against {result.Ideal.Threads.Threads} during a one-host run and " +
               $"{fleet.ThreadsBefore} just before this run: {growth:+0;-0;0} threads for {Format.Count(run.Hosts - 1)} more hosts, {conclusion}";
    }

    private static string Memory(FleetMeasurement fleet) =>
        $"After the run, with its {Format.Count(fleet.Hosts)} machine actors idle (they passivate after 2 minutes), the managed heap " +
        $"held {Format.Bytes(fleet.RetainedAfter - fleet.RetainedBefore)} more than before it: {Format.Bytes(fleet.RetainedPerHost)} " +
        "per host. That is an upper bound for an idle MachineActor: it also counts each host's spec in the supervisor's run record and " +
        "fleet directory, its machine in the Octopus double (in this process) and the simulation's record of its certificate. " +
        $"The process's peak working set was {Format.Bytes(fleet.PeakWorkingSet)}.";
}
