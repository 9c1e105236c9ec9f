using System.Diagnostics;
using Coordinator.Benchmarks.Hosting;
using Coordinator.Benchmarks.Simulation;
using Coordinator.Protocol.Fleet;
using OctopusServer.Double.Pipeline;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>Starts a run as <c>coord bootstrap --follow</c> would, follows it to its end and measures it.</summary>
/// <param name="logDirectory">The coordinator's CLEF logs, for the warnings and errors of each run.</param>
/// <param name="octopusRequests">The Octopus double's request log, for each run's traffic.</param>
public sealed class RunDriver(InProcessCoordinator coordinator, SimulatedFleet fleet, string database, string logDirectory, RequestLog octopusRequests)
{
    private const int FailureGroupsShown = 5;
    private const int LogGroupsShown = 8;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(3);

    public async Task<RunMeasurement> RunAsync(string runId, IReadOnlyList<RunHost> hosts, CancellationToken cancellationToken)
    {
        var eventsBefore = await JournalCounter.CountAsync(database, cancellationToken);
        fleet.Statistics.TakeAndReset();
        var requestsBefore = octopusRequests.Entries.Count;
        var sentAt = DateTimeOffset.UtcNow;
        Followed followed;
        TimeSpan clientWall;
        TimeSpan cpu;
        ThreadPeaks threads;
        GcActivity gc;
        await using (var sampler = ThreadSampler.Start())
        {
            var cpuBefore = ProcessCpu.Used();
            var gcBefore = GcActivity.Now();
            var clock = Stopwatch.StartNew();
            await coordinator.StartRunAsync(runId, hosts, cancellationToken);
            followed = await FollowAsync(runId, hosts.Count, clock, cancellationToken);
            clientWall = clock.Elapsed;
            cpu = ProcessCpu.Used() - cpuBefore;
            gc = GcActivity.Now().Since(gcBefore);
            threads = sampler.Peaks;
        }

        var summary = followed.Last.Summary;
        var wall = followed.Stall is null ? (summary.EndedAt ?? DateTimeOffset.UtcNow) - summary.StartedAt : followed.LastChange;
        var events = await JournalCounter.CountAsync(database, cancellationToken) - eventsBefore;
        return new RunMeasurement(
            runId, hosts.Count, summary, wall, clientWall, events, followed.Phases, threads, fleet.Statistics.TakeAndReset(),
            FailuresOf(followed.Last), followed.Stall, LogDigest.Since(logDirectory, sentAt, LogGroupsShown), cpu, gc,
            OctopusTraffic.Since(octopusRequests, requestsBefore, hosts.Count));
    }

    /// <summary>Polls the run until it ends, or cancels it once it has stopped changing.</summary>
    private async Task<Followed> FollowAsync(string runId, int hosts, Stopwatch clock, CancellationToken cancellationToken)
    {
        var timeline = new PhaseTimeline(hosts);
        var stall = new StallDetector(StallLimit);
        IReadOnlyList<PhaseTime> phasesAtLastChange = [];
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (true)
            {
                var progress = await coordinator.ProgressAsync(runId, cancellationToken);
                timeline.Observe(progress);
                if (progress.Summary.Status != RunStatus.Running)
                {
                    return new Followed(progress, null, timeline.MeanPerHost(), clock.Elapsed);
                }

                if (stall.Changed(progress, clock.Elapsed))
                {
                    // A stalled run is measured to its last change: waiting for the stall to show is not the coordinator's work.
                    phasesAtLastChange = timeline.MeanPerHost();
                }
                else if (stall.IsStalled(clock.Elapsed))
                {
                    var unfinished = progress.Hosts.Count(h => h.State is HostRunState.Running or HostRunState.Pending);
                    await coordinator.CancelRunAsync(runId, cancellationToken);
                    return new Followed(
                        progress,
                        $"nothing changed for {stall.Limit.TotalSeconds:0} s with {unfinished} of {hosts} hosts unfinished " +
                        $"({timeline.DescribeCurrent()}), so the run was cancelled",
                        phasesAtLastChange,
                        stall.LastChange);
                }

                await timer.WaitForNextTickAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new BenchmarkFailedException(
                $"run {runId} of {hosts} hosts had not ended at the deadline, {clock.Elapsed.TotalSeconds:0} s after it was sent: " +
                $"{timeline.DescribeCurrent()}");
        }
    }

    private static IReadOnlyList<FailureGroup> FailuresOf(FleetCommands.RunProgress progress) => [.. progress.Hosts
        .Where(host => host.State != HostRunState.Succeeded)
        .GroupBy(
            host => PhaseTimeline.PhaseOf(host) is { } phase ? $"stuck in {phase}" : $"{host.State}: {host.Reason ?? "no reason given"}",
            StringComparer.Ordinal)
        .OrderByDescending(group => group.Count())
        .Take(FailureGroupsShown)
        .Select(group => new FailureGroup(group.Key, group.Count()))];

    /// <param name="Last">The last progress seen.</param>
    /// <param name="Stall">Why the run was cancelled, when it stopped changing.</param>
    /// <param name="LastChange">When the run last changed, from sending StartRun.</param>
    private sealed record Followed(FleetCommands.RunProgress Last, string? Stall, IReadOnlyList<PhaseTime> Phases, TimeSpan LastChange);
}
