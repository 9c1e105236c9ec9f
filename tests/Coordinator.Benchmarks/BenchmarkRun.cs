using Coordinator.Benchmarks.Fleet;
using Coordinator.Benchmarks.Hosting;
using Coordinator.Benchmarks.Measurement;
using Coordinator.Benchmarks.Simulation;
using Coordinator.Protocol.Fleet;
using OctopusServer.Double;

namespace Coordinator.Benchmarks;

/// <summary>
/// The benchmark from start to end: the Octopus double and the coordinator in this process, a warm-up run, three
/// one-host runs (the ideal), then each fleet run, each followed by what the journal takes on its own.
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
        var driver = new RunDriver(coordinator, fleet, workspace.SqliteDatabase, coordinator.LogDirectory);
        IReadOnlyList<RunHost> HostsOf(string prefix, int block, int count) => BenchmarkHosts.Create(prefix, block, count, workspace, octopus.BaseUri);

        // The first run pays for JIT compilation and the first connections; the ideal must not.
        await log.WriteLineAsync("Warm-up run (1 host)...");
        Ensure(await driver.RunAsync("bench-warmup", HostsOf("warmup", WarmUpBlock, 1), cancellationToken));

        var idealRuns = new List<RunMeasurement>();
        for (var i = 0; i < IdealRunCount; i++)
        {
            var ideal = Ensure(await driver.RunAsync($"bench-ideal-{i + 1}", HostsOf($"ideal{i + 1}", FirstIdealBlock + i, 1), cancellationToken));
            await log.WriteLineAsync($"Ideal run {i + 1} of {IdealRunCount} (1 host): {ideal.Wall.TotalSeconds:0.000} s");
            idealRuns.Add(ideal);
        }

        var fleets = new List<FleetMeasurement>();
        var sizes = options.FleetSizes;
        for (var i = 0; i < sizes.Count; i++)
        {
            var measured = await MeasureFleetAsync(
                coordinator, driver, $"bench-fleet-{sizes[i]}", HostsOf($"n{sizes[i]}", FirstFleetBlock + i, sizes[i]), log, cancellationToken);
            fleets.Add(measured);
            if (!measured.Run.AllSucceeded)
            {
                break;
            }
        }

        var skipped = sizes.Skip(fleets.Count).ToList();
        if (skipped.Count > 0)
        {
            await log.WriteLineAsync($"Skipped the larger fleet sizes after a failed run: {string.Join(", ", skipped)}");
        }

        if (options.KeepData)
        {
            await log.WriteLineAsync($"Kept the data directory (journal, logs): {workspace.DataDirectory}");
        }

        return new BenchmarkResult(options, machine, startedAt, loadAtStart, TaskPollInterval, idealRuns, fleets, skipped, certificateCost);
    }

    private static async Task<FleetMeasurement> MeasureFleetAsync(
        InProcessCoordinator coordinator, RunDriver driver, string runId, IReadOnlyList<RunHost> hosts, TextWriter log, CancellationToken cancellationToken)
    {
        var retainedBefore = ManagedMemory.Retained();
        var threadsBefore = ThreadSampler.CurrentThreads();
        await log.WriteLineAsync($"Fleet run ({hosts.Count} hosts)...");
        var run = await driver.RunAsync(runId, hosts, cancellationToken);
        await log.WriteLineAsync(
            $"Fleet run of {hosts.Count} hosts ended {run.Outcome}: {run.Summary.Succeeded} succeeded, {run.Summary.Failed} failed, in {run.Wall.TotalSeconds:0.000} s" +
            (run.Stall is null ? "" : $"; {run.Stall}"));
        var loadAfter = LoadAverage.Read();
        var retainedAfter = ManagedMemory.Retained();
        var peakWorkingSet = ManagedMemory.PeakWorkingSet();

        var eventsPerHost = (int)Math.Max(1, Math.Round((double)run.JournalEvents / hosts.Count));
        await log.WriteLineAsync($"Journal capacity: {hosts.Count} bare persistent actors x {eventsPerHost} events...");
        var capacity = await JournalCapacity.EventsPerSecondAsync(coordinator.System, hosts.Count, eventsPerHost, cancellationToken);
        return new FleetMeasurement(run, retainedBefore, retainedAfter, peakWorkingSet, threadsBefore, capacity, loadAfter);
    }

    /// <summary>A warm-up or ideal run that fails leaves nothing to compare with.</summary>
    private static RunMeasurement Ensure(RunMeasurement run) => run.AllSucceeded
        ? run
        : throw new BenchmarkFailedException(
            $"run {run.RunId} ended {run.Outcome}: {string.Join("; ", run.Failures.Select(f => $"{f.Hosts} x {f.Reason}"))}");
}
