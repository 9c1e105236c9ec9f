using System.Collections.Immutable;
using Coordinator.Protocol.Machines;

namespace Coordinator.Protocol.Fleet;

public enum RunStatus
{
    Running,

    /// <summary>Every host finished (some may have failed).</summary>
    Completed,

    /// <summary>The failure threshold was exceeded; hosts not yet admitted were skipped.</summary>
    Stopped,

    Cancelled,
}

public sealed record RunHost(string Host, MachineSpec Spec);

public sealed record HostResult(BootstrapOutcome Outcome, string? Reason, DateTimeOffset At);

/// <summary>One bootstrap run as the supervisor persists it: what was asked, and how each host ended.</summary>
public sealed record RunRecord(
    string RunId,
    RunOptions Options,
    ImmutableArray<RunHost> Hosts,
    ImmutableDictionary<string, HostResult> Results,
    RunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt)
{
    public int Failed => Results.Values.Count(r => r.Outcome != BootstrapOutcome.Succeeded);

    public int Succeeded => Results.Values.Count(r => r.Outcome == BootstrapOutcome.Succeeded);

    public bool ThresholdExceeded => Options.MaxFail?.IsExceeded(Failed, Hosts.Length) ?? false;

    /// <summary>Hosts without a result, in inventory order: the work a resumed run still has to do.</summary>
    public IEnumerable<RunHost> Unfinished => Hosts.Where(h => !Results.ContainsKey(h.Host));

    public RunSummary ToSummary() =>
        new(RunId, Status, Hosts.Length, Succeeded, Failed, StartedAt, EndedAt);
}
