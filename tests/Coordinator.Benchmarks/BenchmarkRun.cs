using Coordinator.Actors.Machines;
using Coordinator.Benchmarks.Fleet;
using Coordinator.Benchmarks.Hosting;
using Coordinator.Benchmarks.Measurement;
using Coordinator.Benchmarks.Simulation;
using Coordinator.Protocol.Fleet;
using OctopusServer.Double;

namespace Coordinator.Benchmarks;

/// <summary>
/// The benchmark from start to end: the Octopus double and the coordinator in this process, a warm-up run, three
/// one-host runs (the new fleet's ideal), then each fleet size: the new fleet, and, for the rebuilt scenario, the
/// same hosts recreated blank and bootstrapped again once their machine actors have passivated (the first time
/// preceded by a rebuilt warm-up and three rebuilt one-host runs, the rebuilt fleet's ideal). Each fleet run is
/// followed by what the journal takes on its own.
/// </summary>
public static class BenchmarkRun
{
    private const int IdealRunCount = 3;
    private const int CertificateSamples = 30;
    private const string TentacleInstance = "Tentacle";

    /// <summary>Second octets of the hosts' 127.x addresses: one block per run, so no two runs share a host.</summary>
    private const int WarmUpBlock = 2;
    private const int FirstIdealBlock = 3;
    private const int FirstFleetBlock = 10;

    /// <summary>Low, so polling the health check task adds little to a host's path (the default is 4 s).</summary>
    private static readonly TimeSpan TaskPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A rebuilt fleet comes back long after its last run, when its machine actors have stopped and must recover from
    /// the journal; waiting out the passivation (plus a margin for the receive timeout's tick) measures that case.
    /// </summary>
    private static readonly TimeSpan PassivationMargin = TimeSpan.FromSeconds(15);

    public static async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadAtStart = LoadAverage.Read();
        var machine = MachineDescription.Read();
        FreshHostProbe.EnsureReadAsFresh(TentacleInstance);

        await log.WriteLineAsync($"Measuring the CPU cost of one retained certificate ({CertificateSamples} samples)...");
        var certificateCost = CertificateCost.Measure(CertificateSamples);

        await using var octopus = await OctopusServerDouble.StartAsync(
            new OctopusServerDoubleOptions { Environments = [BenchmarkHosts.Environment], AssumeTentaclesHealthy = true }, cancellationToken);
        using var workspace = await BenchmarkWorkspace.CreateAsync(octopus.ApiKey, cancellationToken);
        workspace.Keep = options.KeepData;
        var fleet = new SimulatedFleet(options.Latency);
        await using var coordinator = await InProcessCoordinator.StartAsync(
            workspace.DataDirectory, maxParallel: options.EffectiveMaxParallel, TaskPollInterval, fleet, cancellationToken);
        var bench = new Bench(
            coordinator, new RunDriver(coordinator, fleet, workspace.SqliteDatabase, coordinator.LogDirectory, octopus.Requests), fleet, octopus, log);
        IReadOnlyList<RunHost> HostsOf(string prefix, int block, int count) => BenchmarkHosts.Create(prefix, block, count, workspace, octopus.BaseUri);

        // The first run pays for JIT compilation and the first connections; the ideal must not.
        await log.WriteLineAsync("Warm-up run (1 host)...");
        var warmUp = HostsOf("warmup", WarmUpBlock, 1);
        Ensure(await bench.Driver.RunAsync("bench-warmup", warmUp, cancellationToken));

        // Run whatever the scenarios: the rebuilt ideal rebuilds these same hosts.
        var idealHosts = Enumerable.Range(0, IdealRunCount).Select(i => HostsOf($"ideal{i + 1}", FirstIdealBlock + i, 1)).ToList();
        var newIdeals = new List<RunMeasurement>();
        for (var i = 0; i < IdealRunCount; i++)
        {
            var ideal = Ensure(await bench.Driver.RunAsync($"bench-ideal-{i + 1}", idealHosts[i], cancellationToken));
            await log.WriteLineAsync($"Ideal run {i + 1} of {IdealRunCount} (1 host, new): {ideal.Wall.TotalSeconds:0.000} s");
            newIdeals.Add(ideal);
        }

        var reportNew = options.Scenarios.Includes(FleetScenario.New);
        var rebuild = options.Scenarios.Includes(FleetScenario.Rebuilt);
        var newFleets = new List<FleetMeasurement>();
        var rebuiltFleets = new List<FleetMeasurement>();
        var rebuiltIdeals = new List<RunMeasurement>();
        var sizes = options.FleetSizes;
        var sizesRun = 0;
        for (var i = 0; i < sizes.Count; i++)
        {
            sizesRun++;
            var hosts = HostsOf($"n{sizes[i]}", FirstFleetBlock + i, sizes[i]);
            RunMeasurement first;
            if (reportNew)
            {
                var measured = await MeasureFleetAsync(bench, FleetScenario.New, $"bench-fleet-{sizes[i]}", hosts, cancellationToken);
                newFleets.Add(measured);
                first = measured.Run;
                if (!measured.Succeeded)
                {
                    break;
                }
            }
            else
            {
                await log.WriteLineAsync($"New fleet run ({hosts.Count} hosts), to give the rebuilt fleet its certificates and Octopus machines...");
                first = await bench.Driver.RunAsync($"bench-fleet-{sizes[i]}", hosts, cancellationToken);
                if (!first.AllSucceeded)
                {
                    throw new BenchmarkFailedException($"the new-fleet run that prepares the rebuilt fleet of {hosts.Count} hosts ended {first.Outcome}");
                }
            }

            if (!rebuild)
            {
                continue;
            }

            await WaitForPassivationAsync(first, log, cancellationToken);
            if (rebuiltIdeals.Count == 0)
            {
                await log.WriteLineAsync("Rebuilt warm-up run (1 host)...");
                EnsureKept(await RebuildAndRunAsync(bench, "bench-warmup-rebuilt", warmUp, cancellationToken));
                for (var j = 0; j < IdealRunCount; j++)
                {
                    var ideal = EnsureKept(await RebuildAndRunAsync(bench, $"bench-ideal-rebuilt-{j + 1}", idealHosts[j], cancellationToken));
                    await log.WriteLineAsync($"Ideal run {j + 1} of {IdealRunCount} (1 host, rebuilt): {ideal.Wall.TotalSeconds:0.000} s");
                    rebuiltIdeals.Add(ideal);
                }
            }

            var rebuilt = await MeasureFleetAsync(bench, FleetScenario.Rebuilt, $"bench-rebuilt-{sizes[i]}", hosts, cancellationToken);
            rebuiltFleets.Add(rebuilt);
            if (!rebuilt.Succeeded)
            {
                break;
            }
        }

        var skipped = sizes.Skip(sizesRun).ToList();
        if (skipped.Count > 0)
        {
            await log.WriteLineAsync($"Skipped the larger fleet sizes after a failed run: {string.Join(", ", skipped)}");
        }

        if (options.KeepData)
        {
            await log.WriteLineAsync($"Kept the data directory (journal, logs): {workspace.DataDirectory}");
        }

        var scenarios = new List<ScenarioResult>();
        if (reportNew)
        {
            scenarios.Add(new ScenarioResult(FleetScenario.New, newIdeals, newFleets));
        }

        if (rebuild && rebuiltIdeals.Count > 0)
        {
            scenarios.Add(new ScenarioResult(FleetScenario.Rebuilt, rebuiltIdeals, rebuiltFleets));
        }

        return new BenchmarkResult(
            options, machine, startedAt, loadAtStart, TaskPollInterval, scenarios, skipped, certificateCost, MachineActorSettings.Default.PassivateAfter);
    }

    private static async Task<FleetMeasurement> MeasureFleetAsync(
        Bench bench, FleetScenario scenario, string runId, IReadOnlyList<RunHost> hosts, CancellationToken cancellationToken)
    {
        var log = bench.Log;
        var retainedBefore = ManagedMemory.Retained();
        var threadsBefore = ThreadSampler.CurrentThreads();
        var name = scenario == FleetScenario.New ? "New fleet" : "Rebuilt fleet";
        await log.WriteLineAsync($"{name} run ({hosts.Count} hosts)...");
        var (run, identities) = scenario == FleetScenario.New
            ? (await bench.Driver.RunAsync(runId, hosts, cancellationToken), null)
            : await RebuildAndRunAsync(bench, runId, hosts, cancellationToken);
        await log.WriteLineAsync(
            $"{name} run of {hosts.Count} hosts ended {run.Outcome}: {run.Summary.Succeeded} succeeded, {run.Summary.Failed} failed, in {run.Wall.TotalSeconds:0.000} s" +
            (run.Stall is null ? "" : $"; {run.Stall}") + (identities is null ? "" : $"; {identities}"));
        var loadAfter = LoadAverage.Read();
        var retainedAfter = ManagedMemory.Retained();
        var peakWorkingSet = ManagedMemory.PeakWorkingSet();

        var eventsPerHost = (int)Math.Max(1, Math.Round((double)run.JournalEvents / hosts.Count));
        await log.WriteLineAsync($"Journal capacity: {hosts.Count} bare persistent actors x {eventsPerHost} events...");
        var capacity = await JournalCapacity.EventsPerSecondAsync(bench.Coordinator.System, hosts.Count, eventsPerHost, cancellationToken);
        return new FleetMeasurement(run, retainedBefore, retainedAfter, peakWorkingSet, threadsBefore, capacity, loadAfter, identities);
    }

    /// <summary>
    /// Destroys and recreates the hosts (blank: no Tentacle, no certificate), bootstraps them again, and checks each
    /// came back as the Octopus machine it was, with the same thumbprint.
    /// </summary>
    private static async Task<(RunMeasurement Run, IdentityCheck Identities)> RebuildAndRunAsync(
        Bench bench, string runId, IReadOnlyList<RunHost> hosts, CancellationToken cancellationToken)
    {
        var before = OctopusIdentities.Of(bench.Octopus.State, hosts);
        var machinesBefore = bench.Octopus.State.Machines.Count;
        bench.Fleet.Rebuild(hosts.Select(host => host.Spec.Address));
        var run = await bench.Driver.RunAsync(runId, hosts, cancellationToken);
        return (run, OctopusIdentities.Check(before, machinesBefore, bench.Octopus.State, bench.Fleet, hosts));
    }

    /// <summary>Waits until every machine actor of <paramref name="run"/> has been idle for longer than it may stay up idle.</summary>
    private static async Task WaitForPassivationAsync(RunMeasurement run, TextWriter log, CancellationToken cancellationToken)
    {
        var idleSince = run.Summary.EndedAt ?? DateTimeOffset.UtcNow;
        var wait = idleSince + MachineActorSettings.Default.PassivateAfter + PassivationMargin - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await log.WriteLineAsync($"Waiting {wait.TotalSeconds:0} s for the hosts' machine actors to passivate, as they have when a rebuilt fleet comes back...");
            await Task.Delay(wait, cancellationToken);
        }
    }

    /// <summary>A warm-up or ideal run that fails leaves nothing to compare with.</summary>
    private static RunMeasurement Ensure(RunMeasurement run) => run.AllSucceeded
        ? run
        : throw new BenchmarkFailedException(
            $"run {run.RunId} ended {run.Outcome}: {string.Join("; ", run.Failures.Select(f => $"{f.Hosts} x {f.Reason}"))}");

    private static RunMeasurement EnsureKept((RunMeasurement Run, IdentityCheck Identities) rebuilt) => rebuilt.Identities.Passed
        ? Ensure(rebuilt.Run)
        : throw new BenchmarkFailedException($"run {rebuilt.Run.RunId}: the rebuilt host did not come back as itself: {rebuilt.Identities}");

    /// <summary>What every run needs, in one place.</summary>
    private sealed record Bench(InProcessCoordinator Coordinator, RunDriver Driver, SimulatedFleet Fleet, OctopusServerDouble Octopus, TextWriter Log);
}
