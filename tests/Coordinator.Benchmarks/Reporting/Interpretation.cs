using Coordinator.Benchmarks.Fleet;
using Coordinator.Benchmarks.Measurement;

namespace Coordinator.Benchmarks.Reporting;

/// <summary>What the numbers say, in sentences built from the numbers themselves, so a rerun's report stays true.</summary>
internal static class Interpretation
{
    /// <summary>SQLite in WAL mode, read-uncommitted, 10,000 actors on a 2-core machine: shared/spec/journal-tuning.md.</summary>
    private const int TunedSqliteEventsPerSecond = 1987;

    /// <summary>Sections of the interpretation, in order; a null heading for the paragraphs that open it.</summary>
    public static IReadOnlyList<(string? Heading, IReadOnlyList<string> Paragraphs)> Of(BenchmarkResult result)
    {
        var opening = result.Scenarios.SelectMany(scenario => scenario.Fleets.Select(fleet => Verdict(scenario, fleet))).ToList();
        opening.Add(Load(result));
        if (result.SkippedFleetSizes.Count > 0)
        {
            opening.Add($"Not run, because a smaller fleet failed: {string.Join(", ", result.SkippedFleetSizes.Select(size => Format.Count(size)))} hosts.");
        }

        opening.AddRange(result.Scenarios.SelectMany(scenario => scenario.Fleets.Where(fleet => !fleet.Succeeded).Select(fleet => Failure(scenario, fleet))));
        var sections = new List<(string?, IReadOnlyList<string>)> { (null, opening) };
        if (result.Of(FleetScenario.New) is { Subject: { } newSubject } newFleet)
        {
            sections.Add(("New fleet: what limits it", NewFleet(result, newFleet, newSubject)));
        }

        if (result.Of(FleetScenario.Rebuilt) is { Subject: { } rebuiltSubject } rebuilt)
        {
            sections.Add(("Rebuilt fleet: how close it gets to the ideal", RebuiltFleet(result, rebuilt, rebuiltSubject)));
        }

        foreach (var scenario in result.Scenarios.Where(scenario => scenario.Subject is not null))
        {
            var subject = scenario.Subject!;
            sections.Add(($"Transport, journal, threads and memory ({scenario.Name}, {Format.Count(subject.Hosts)} hosts)",
                [Transport(result, scenario, subject), Journal(subject), Threads(scenario, subject), Memory(subject)]));
        }

        return sections;
    }

    private static string Verdict(ScenarioResult scenario, FleetMeasurement fleet)
    {
        var run = fleet.Run;
        var name = $"The {Format.Count(run.Hosts)}-host {scenario.Name} run";
        if (run.Stall is not null)
        {
            return $"{name} **did not finish**: {run.Summary.Succeeded} of its hosts succeeded within " +
                   $"{Format.Seconds(run.Wall)} ({Format.Ratio(scenario.RatioOf(fleet))} the ideal), then {run.Stall}.";
        }

        var verdict = scenario.WithinTenPercent(fleet)
            ? "**within** the aim of 10% over the ideal."
            : $"**not** within the aim of 10% over the ideal (at most {Format.Seconds(scenario.Ideal.Wall * 1.1)}).";
        var failed = run.AllSucceeded ? "" : $" It ended {run.Outcome} with {run.Summary.Failed} hosts failed.";
        var identities = fleet.Identities is { } check
            ? check.Passed
                ? $" Every host came back as the Octopus machine it was (same id, same thumbprint, presented again by its Tentacle); Octopus holds no new machine."
                : $" **The product's promise was broken**: {check}."
            : "";
        return $"{name} took {Format.Seconds(run.Wall)} against an ideal of {Format.Seconds(scenario.Ideal.Wall)} (one " +
               $"{(scenario.Scenario == FleetScenario.New ? "new" : "rebuilt")} host's path): {Format.Ratio(scenario.RatioOf(fleet))}, {verdict}{failed}{identities}";
    }

    private static string Load(BenchmarkResult result)
    {
        var after = string.Join("; ", result.Scenarios.SelectMany(scenario => scenario.Fleets.Select(fleet =>
            $"{fleet.LoadAfter?.ToString() ?? "unknown"} after the {Format.Count(fleet.Hosts)}-host {scenario.Name}")));
        var busy = result.MachineWasBusy
            ? $"Other processes competed for the CPU: the one-minute load reached {result.PeakLoad:0.0} on {result.Machine.Processors} cores, so " +
              "every absolute time here, the ideals' included, is pessimistic; the ratios, the CPU times (which do not grow when others " +
              "share the machine), the phase shares and the failure modes are what to read."
            : $"The one-minute load stayed at or below the {result.Machine.Processors} cores, so little else competed for the CPU.";
        return $"These numbers were taken on a shared machine. Load average (1, 5, 15 min): {result.LoadAtStart?.ToString() ?? "unknown"} " +
               $"at the start; {after}. {busy}";
    }

    private static string Failure(ScenarioResult scenario, FleetMeasurement fleet)
    {
        var run = fleet.Run;
        var outcomes = run.Failures.Count == 0 ? "none failed" : string.Join("; ", run.Failures.Select(f => $"{Format.Count(f.Hosts)} × {f.Reason}"));
        var logged = run.LoggedProblems.Count == 0
            ? "The coordinator logged no warning or error."
            : "What the coordinator logged meanwhile (warnings and errors, grouped): " +
              string.Join("; ", run.LoggedProblems.Select(p => $"{Format.Count(p.Count)} × {p.Level} `{p.Message}`")) + ".";
        var identities = fleet.Identities is { Passed: false } check ? $" Identities: {check}." : "";
        return $"The {Format.Count(run.Hosts)}-host {scenario.Name} run's hosts that did not succeed: {outcomes}.{identities} {logged}";
    }

    private static IReadOnlyList<string> NewFleet(BenchmarkResult result, ScenarioResult scenario, FleetMeasurement fleet) =>
        scenario.WithinTenPercent(fleet) ? [$"The {Format.Count(fleet.Hosts)}-host run is within the aim."] : [Bounds(result, scenario, fleet), Phases(scenario, fleet)];

    private static string Bounds(BenchmarkResult result, ScenarioResult scenario, FleetMeasurement fleet)
    {
        var run = fleet.Run;
        var cores = result.Machine.Processors;
        var certificateCpu = result.CertificateCost.CpuFor(run.Hosts);
        var share = result.CertificateShareOfCpu(fleet);
        var journalShare = fleet.JournalBound / run.Wall;
        var conclusion = share >= 0.5
            ? $"So the run is CPU-bound on issuing certificates: {(share >= 0.95 ? "nearly all" : $"about {Format.Percent(share)}")} of the CPU the process used. " +
              "No scheduling change can bring it near the ideal on this machine: only fewer new certificates (the rebuilt case) or more cores can."
            : journalShare >= 0.5
                ? $"So writing the journal dominates: at the rate it took alone it needs {Format.Percent(journalShare)} of the wall time."
                : "Neither dominates on its own; the time goes to their sum and to the coordinator's other work.";
        var others = run.CoresUsed < cores * 0.8 && result.MachineWasBusy ? "; other processes had the rest" : "";
        return $"In the {Format.Count(run.Hosts)}-host run, every new host needs an RSA-2048 retained certificate before its first step: " +
               $"{Format.Milliseconds(result.CertificateCost.MeanCpu)} of CPU each on average (key generation varies a lot from key to key), about " +
               $"{Format.Seconds(certificateCpu)} for {Format.Count(run.Hosts)} hosts, against {Format.Seconds(run.ProcessCpu)} of CPU the whole " +
               $"process (coordinator, Octopus double, simulation) used during the run. The run retained {run.Hosts / run.Wall.TotalSeconds:0.0} " +
               $"certificates per second: {certificateCpu / run.Wall:0.00} cores' worth of key generation without pause, out of {cores}. With " +
               $"every core generating, the certificates alone would still need at least {Format.Seconds(result.CertificateBound(fleet))}, " +
               $"{Format.Ratio(result.CertificateBound(fleet) / scenario.Ideal.Wall)} the ideal. The journal needs at least " +
               $"{Format.Seconds(fleet.JournalBound)} for the run's {Format.Count(run.JournalEvents)} events at the " +
               $"{Format.Count(fleet.JournalCapacity)} events/s it took from {Format.Count(run.Hosts)} bare persistent actors. " +
               $"The process kept {run.CoresUsed:0.00} of the {cores} cores busy on average{others}. {conclusion}";
    }

    private static string Phases(ScenarioResult scenario, FleetMeasurement fleet)
    {
        var comparison = PhaseComparison.Of(scenario.Ideal, fleet.Run);
        var grown = comparison.OrderByDescending(p => p.Growth).Take(3)
            .Select(p => $"{p.Phase} ({Format.Seconds(p.Ideal)} → {Format.Seconds(p.Fleet)})");
        var steps = comparison.Where(p => p.Phase is not (PhaseTimeline.BeforeFirstStep or PhaseTimeline.WaitingForAdmission)).ToList();
        var idealSteps = steps.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Ideal);
        var fleetSteps = steps.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Fleet);
        var before = scenario.Scenario == FleetScenario.New
            ? "persisting the run's start and issuing and persisting the certificate"
            : "recovering the host's machine actor from the journal and persisting the run's start";
        return "Per host, the phases that grew most from the ideal (mean time per host; a step's phase includes persisting its " +
               $"event, and \"{PhaseTimeline.BeforeFirstStep}\" is {before}): {string.Join(", ", grown)}. After that, a host went through its " +
               $"steps in {Format.Seconds(fleetSteps)} on average against {Format.Seconds(idealSteps)} in the ideal run ({Format.Ratio(fleetSteps / idealSteps)}).";
    }

    private static IReadOnlyList<string> RebuiltFleet(BenchmarkResult result, ScenarioResult scenario, FleetMeasurement fleet)
    {
        var run = fleet.Run;
        var paragraphs = new List<string>();
        var certificateIdeal = result.Of(FleetScenario.New)?.Ideal;
        var saved = certificateIdeal is null
            ? ""
            : $" A rebuilt host's path ({Format.Seconds(scenario.Ideal.Wall)}) is {Format.Seconds(certificateIdeal.Wall - scenario.Ideal.Wall)} " +
              $"shorter than a new host's ({Format.Seconds(certificateIdeal.Wall)}): it issues no certificate, and its Register step finds its machine by thumbprint and writes nothing.";
        var newRun = result.Of(FleetScenario.New)?.Fleets.FirstOrDefault(f => f.Hosts == run.Hosts);
        var against = newRun is null
            ? ""
            : $" The same {Format.Count(run.Hosts)} hosts took {Format.Seconds(newRun.Run.Wall)} when new: rebuilt, they took {Format.Percent(run.Wall / newRun.Run.Wall)} of that, " +
              $"with {Format.Percent(run.ProcessCpu / newRun.Run.ProcessCpu)} of the CPU.";
        paragraphs.Add($"No host of the rebuilt runs issued a certificate: the coordinator kept each host's from its first run.{saved}{against}");
        if (scenario.WithinTenPercent(fleet))
        {
            paragraphs.Add($"The {Format.Count(run.Hosts)}-host rebuilt run is within the aim.");
            return paragraphs;
        }

        paragraphs.Add(RebuiltBounds(result, scenario, fleet));
        paragraphs.Add(Phases(scenario, fleet));
        paragraphs.Add(RebuiltPressure(result, scenario, fleet));
        return paragraphs;
    }

    /// <summary>What the run needed of the CPU and the journal, each as the least wall time it alone takes, against the run's wall time.</summary>
    private static string RebuiltBounds(BenchmarkResult result, ScenarioResult scenario, FleetMeasurement fleet)
    {
        var run = fleet.Run;
        var cores = result.Machine.Processors;
        var cpuBound = run.ProcessCpu / cores;
        var cpuShare = cpuBound / run.Wall;
        var journalShare = fleet.JournalBound / run.Wall;
        var ideal = scenario.Ideal;
        var conclusion = cpuShare >= 0.7 && cpuShare >= journalShare
            ? $"So the rebuilt run is **CPU-bound**: with every core busy, its CPU alone needs {Format.Percent(cpuShare)} of the wall time it took. " +
              $"What costs is the work per host, {Format.Milliseconds(run.CpuPerHost)} of CPU, not waiting: {Format.Count(run.Hosts)} hosts × that ÷ {cores} cores " +
              $"is {Format.Seconds(cpuBound)}, {Format.Ratio(cpuBound / ideal.Wall)} the ideal, however the coordinator schedules it."
            : journalShare >= 0.7
                ? $"So the rebuilt run is bound by **writing the journal**: at the rate it took alone it needs {Format.Percent(journalShare)} of the wall time."
                : $"Neither the CPU ({Format.Percent(cpuShare)} of the wall time, with every core busy) nor the journal ({Format.Percent(journalShare)}) " +
                  "accounts for the wall time alone: the rest is waiting, see the phases.";
        return $"In the {Format.Count(run.Hosts)}-host rebuilt run the process used {Format.Seconds(run.ProcessCpu)} of CPU " +
               $"({Format.Milliseconds(run.CpuPerHost)} per host, against {Format.Milliseconds(ideal.CpuPerHost)} in a one-host rebuilt run, whose " +
               $"per-run overheads it does not share) and kept {run.CoresUsed:0.00} of the {cores} cores busy on average. On {cores} idle cores that " +
               $"CPU alone needs at least {Format.Seconds(cpuBound)}, {Format.Percent(cpuShare)} of the run's {Format.Seconds(run.Wall)} and " +
               $"{Format.Ratio(cpuBound / ideal.Wall)} the ideal. The journal needs at least {Format.Seconds(fleet.JournalBound)} " +
               $"({Format.Percent(journalShare)} of the wall time) for the run's {Format.Count(run.JournalEvents)} events " +
               $"({run.JournalEvents / (double)run.Hosts:0.0} per host) at the {Format.Count(fleet.JournalCapacity)} events/s it took alone. {conclusion}";
    }

    /// <summary>Where the CPU went, as far as the process's own counters show it: Octopus traffic, allocation and GC, the thread pool.</summary>
    private static string RebuiltPressure(BenchmarkResult result, ScenarioResult scenario, FleetMeasurement fleet)
    {
        var run = fleet.Run;
        var ideal = scenario.Ideal;
        var latency = result.Options.Latency;
        var kinds = string.Join(", ", run.Octopus.Kinds.Take(4).Select(k => $"{k.Count / (double)run.Hosts:0.0} × `{k.Request}`"));
        var late = run.Transport.MeanElapsed - latency;
        return $"What the counters show of that work: each host made {run.Octopus.PerHost:0.0} requests to the Octopus double (in this " +
               $"process, so their cost on both sides is in the CPU above; {ideal.Octopus.PerHost:0.0} in the one-host run), most of them {kinds}. " +
               $"The run allocated {Format.Bytes(run.Gc.AllocatedBytes / run.Hosts)} per host ({Format.Bytes(ideal.Gc.AllocatedBytes)} in the one-host run) " +
               $"and the GC paused the process for {Format.Seconds(run.Gc.Pause)} ({Format.Percent(run.Gc.Pause / run.Wall)} of the wall time; " +
               $"{run.Gc.Gen0}/{run.Gc.Gen1}/{run.Gc.Gen2} collections of generations 0/1/2). Up to {Format.Count(run.Threads.QueuedWorkItems)} work items " +
               $"waited for a thread-pool thread at once, and the simulated remote operations came back {Format.Milliseconds(late)} late on average " +
               $"(the slowest after {Format.Milliseconds(run.Transport.MaxElapsed)} instead of {Format.Milliseconds(latency)}): " +
               (late > TimeSpan.FromMilliseconds(Math.Max(5, latency.TotalMilliseconds * 0.2))
                   ? WhyQueued(result, run)
                   : "the pool kept up, so the time went to the work itself.");
    }

    /// <summary>A long pool queue with idle cores is not this process's CPU: other processes, or pool threads blocked in synchronous calls.</summary>
    private static string WhyQueued(BenchmarkResult result, RunMeasurement run)
    {
        var cores = result.Machine.Processors;
        if (run.CoresUsed >= cores * 0.8)
        {
            return "ready work queued behind other ready work: the process's own CPU was saturated.";
        }

        return result.MachineWasBusy
            ? $"yet the process itself kept only {run.CoresUsed:0.00} of the {cores} cores busy while the machine's load reached {result.PeakLoad:0.0}, " +
              "so the queued work waited either for CPU that other processes held or for pool threads blocked in synchronous calls; " +
              "these counters cannot tell the two apart (a run on an idle machine can)."
            : $"yet the process kept only {run.CoresUsed:0.00} of the {cores} cores busy, so pool threads were blocked rather than busy: " +
              "synchronous waits, not the CPU, held the queue.";
    }

    private static string Transport(BenchmarkResult result, ScenarioResult scenario, FleetMeasurement fleet)
    {
        var transport = fleet.Run.Transport;
        var latency = result.Options.Latency;
        var late = transport.MeanElapsed - latency;
        var meaning = late > TimeSpan.FromMilliseconds(Math.Max(5, latency.TotalMilliseconds * 0.2))
            ? "the timers' continuations waited for a thread-pool thread, so the pool was saturated while they were due."
            : "the simulated hosts answered on time, so any growth is on the coordinator's side.";
        return $"The {Format.Count(transport.Operations)} simulated remote operations took {Format.Milliseconds(transport.MeanElapsed)} " +
               $"on average against the fixed {Format.Milliseconds(latency)} (the slowest {Format.Milliseconds(transport.MaxElapsed)}; " +
               $"{Format.Milliseconds(scenario.Ideal.Transport.MeanElapsed)} in the one-host run): {meaning}";
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

    private static string Threads(ScenarioResult scenario, FleetMeasurement fleet)
    {
        var run = fleet.Run;
        var ideal = scenario.Ideal;
        var growth = run.Threads.Threads - ideal.Threads.Threads;
        var conclusion = growth * 10 < run.Hosts
            ? "far fewer than one per host: hosts wait on timers and tasks, not on threads."
            : "the count grew with the fleet; the thread pool's share shows how much of it the pool added under load.";
        return $"The process peaked at {run.Threads.Threads} threads ({run.Threads.PoolThreads} of them the thread pool's) with " +
               $"{Format.Count(run.Hosts)} hosts in flight, against {ideal.Threads.Threads} during a one-host run and " +
               $"{fleet.ThreadsBefore} just before this run: {growth:+0;-0;0} threads for {Format.Count(run.Hosts - 1)} more hosts, {conclusion}";
    }

    private static string Memory(FleetMeasurement fleet) =>
        $"After the run, with its {Format.Count(fleet.Hosts)} machine actors idle (they passivate after 2 minutes), the managed heap " +
        $"held {Format.Bytes(fleet.RetainedAfter - fleet.RetainedBefore)} more than before it: {Format.Bytes(fleet.RetainedPerHost)} " +
        "per host. That is an upper bound for an idle MachineActor: it also counts each host's spec in the supervisor's run record and " +
        "fleet directory, its machine in the Octopus double (in this process) and the simulation's record of its certificate " +
        "(for a rebuilt fleet, whose hosts were already known, mostly the run's own records and the actors recovered from the journal). " +
        $"The process's peak working set was {Format.Bytes(fleet.PeakWorkingSet)}.";
}
