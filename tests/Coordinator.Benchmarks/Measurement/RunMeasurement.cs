using Coordinator.Benchmarks.Simulation;
using Coordinator.Protocol.Fleet;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>One bootstrap run, measured.</summary>
/// <param name="Summary">The run as the coordinator last reported it (still Running when it stalled).</param>
/// <param name="Wall">
/// From the run's start to its end, as the coordinator recorded them (the preflight comes before). For a run that
/// stalled: from sending StartRun to the last change seen.
/// </param>
/// <param name="ClientWall">From sending StartRun to seeing the run end: adds the preflight and up to one poll interval.</param>
/// <param name="JournalEvents">Rows the run added to the journal.</param>
/// <param name="Failures">Hosts that did not succeed, grouped by outcome or, when stuck, by phase; most frequent first.</param>
/// <param name="Stall">Why the run was given up on, when it stopped progressing; then it was cancelled.</param>
/// <param name="LoggedProblems">The coordinator's warnings and errors during the run, grouped.</param>
/// <param name="ProcessCpu">CPU time the whole process used during the run: coordinator, Octopus double and simulation.</param>
/// <param name="Gc">What the garbage collector did during the run.</param>
/// <param name="Octopus">The requests the Octopus double answered during the run.</param>
public sealed record RunMeasurement(
    string RunId,
    int Hosts,
    RunSummary Summary,
    TimeSpan Wall,
    TimeSpan ClientWall,
    long JournalEvents,
    IReadOnlyList<PhaseTime> Phases,
    ThreadPeaks Threads,
    TransportSnapshot Transport,
    IReadOnlyList<FailureGroup> Failures,
    string? Stall,
    IReadOnlyList<LogGroup> LoggedProblems,
    TimeSpan ProcessCpu,
    GcActivity Gc,
    OctopusRequests Octopus)
{
    public TimeSpan CpuPerHost => ProcessCpu / Hosts;

    /// <summary>Cores the process kept busy on average over the run.</summary>
    public double CoresUsed => ProcessCpu / ClientWall;

    public bool AllSucceeded => Stall is null && Summary.Status == RunStatus.Completed && Summary.Succeeded == Hosts;

    public double EventsPerSecond => JournalEvents / Wall.TotalSeconds;

    public string Outcome => Stall is null ? Summary.Status.ToString() : "Stalled";
}

public sealed record FailureGroup(string Reason, int Hosts);
