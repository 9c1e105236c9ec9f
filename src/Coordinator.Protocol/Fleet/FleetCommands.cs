using Coordinator.Protocol.Machines;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Fleet;

/// <summary>Commands for the BootstrapSupervisor, which keeps the fleet directory and owns runs.</summary>
public static class FleetCommands
{
    /// <summary>Add a host to the fleet and enroll its MachineActor. Reply: the machine's <see cref="Machines.MachineState"/>.</summary>
    [Manifest("fleet.enroll.v1")]
    public sealed record Enroll(string Host, string Environment, string Address) : ICoordinatorMessage, IWithHost;

    /// <summary>
    /// Bootstrap these hosts under <paramref name="RunId"/>. Reply: <see cref="RunAccepted"/>, or
    /// <see cref="Admin.AdminMessages.RequestFailed"/> when the run id is taken or the run names no hosts.
    /// </summary>
    [Manifest("fleet.start-run.v1")]
    public sealed record StartRun(string RunId, IReadOnlyList<RunHost> Hosts, RunOptions Options) : ICoordinatorMessage;

    [Manifest("fleet.run-accepted.v1")]
    public sealed record RunAccepted(string RunId, int Hosts) : ICoordinatorMessage;

    /// <summary>Stop admitting hosts and cancel the ones in flight. Reply: the run's <see cref="RunSummary"/>.</summary>
    [Manifest("fleet.cancel-run.v1")]
    public sealed record CancelRun(string RunId) : ICoordinatorMessage;

    /// <summary>
    /// Cancel one host of a running run: a host in flight stops after its current step, a host not yet started never
    /// starts; the rest of the run goes on. Reply: the run's <see cref="RunSummary"/>.
    /// </summary>
    [Manifest("fleet.cancel-host.v1")]
    public sealed record CancelHost(string RunId, string Host) : ICoordinatorMessage;

    /// <summary>Reply: <see cref="RunList"/>, newest first.</summary>
    [Manifest("fleet.get-runs.v1")]
    public sealed record GetRuns : ICoordinatorMessage
    {
        public static readonly GetRuns Instance = new();
    }

    [Manifest("fleet.run-list.v1")]
    public sealed record RunList(IReadOnlyList<RunSummary> Runs) : ICoordinatorMessage;

    /// <summary>
    /// Bootstrap the failed and cancelled hosts of <paramref name="RunId"/> again, as a new run <paramref name="NewRunId"/>
    /// with the same specs and options. Reply: <see cref="RunAccepted"/>, or <see cref="Admin.AdminMessages.RequestFailed"/>
    /// when the run is unknown, still running, or had no failures.
    /// </summary>
    [Manifest("fleet.retry-run.v1")]
    public sealed record RetryRun(string RunId, string NewRunId) : ICoordinatorMessage;

    /// <summary>
    /// What <see cref="RetryRun"/> would start: the run's unsuccessful hosts with their specs and the run's options, so
    /// the admin endpoint can check them (the Octopus Server, the key, the files) before starting anything. Reply: that
    /// <see cref="StartRun"/>, not started, or <see cref="Admin.AdminMessages.RequestFailed"/> saying why there is nothing to retry.
    /// </summary>
    [Manifest("fleet.plan-retry.v1")]
    public sealed record PlanRetry(string RunId, string NewRunId) : ICoordinatorMessage;

    /// <summary>Where a run stands right now, host by host. Reply: <see cref="RunProgress"/>.</summary>
    /// <param name="OutputAfter">
    /// For runs that stream their hosts' output (<c>--sequential</c>): the lines after this sequence number (0 for
    /// all the coordinator still keeps); null for none.
    /// </param>
    [Manifest("fleet.get-run-progress.v1")]
    public sealed record GetRunProgress(string RunId, long? OutputAfter = null) : ICoordinatorMessage;

    /// <param name="Output">The host output lines asked for, oldest first; empty unless asked and the run streams output.</param>
    [Manifest("fleet.run-progress.v1")]
    public sealed record RunProgress(RunSummary Summary, IReadOnlyList<HostProgress> Hosts, IReadOnlyList<RunOutputLine>? Output = null) : ICoordinatorMessage;

    /// <summary>
    /// Check a run without touching any host: the Octopus Server, API key, space, environments and machine
    /// policies, and every local file the hosts need. Reply: <see cref="RunPlan"/>.
    /// </summary>
    [Manifest("fleet.plan-run.v1")]
    public sealed record PlanRun(IReadOnlyList<RunHost> Hosts) : ICoordinatorMessage;

    /// <param name="Checks">What was verified, one line each ("API key accepted for user coordinator").</param>
    /// <param name="Problems">What stops the run; empty when it may start.</param>
    [Manifest("fleet.run-plan.v1")]
    public sealed record RunPlan(IReadOnlyList<string> Checks, IReadOnlyList<string> Problems, IReadOnlyList<HostPlan> Hosts) : ICoordinatorMessage;
}

public enum HostRunState
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Cancelled,

    /// <summary>The run ended (failure budget spent, or cancelled) before this host was admitted.</summary>
    Skipped,
}

/// <summary>One row of a run's live view.</summary>
/// <param name="Step">The step in flight, or the step that failed.</param>
/// <param name="Elapsed">Time since the host was admitted, or how long it took once finished.</param>
/// <param name="Reason">Why it failed, or the last transient failure while it retries.</param>
/// <param name="LastFinished">The last step it finished in this run, how long it took and what it found or did.</param>
public sealed record HostProgress(
    string Host, string Environment, HostRunState State, BootstrapStep? Step, int Attempt, TimeSpan Elapsed, string? Reason,
    string? LastFinished = null);

/// <summary>One line a host's command printed during a run that streams its output.</summary>
/// <param name="Sequence">Increasing across the coordinator's run output, so a follower asks only for lines it has not seen.</param>
public sealed record RunOutputLine(long Sequence, string Host, BootstrapStep Step, bool IsError, string Line);

/// <summary>What a host would go through: its target and every step, in order.</summary>
public sealed record HostPlan(string Host, string Environment, string Address, HostPlatform Os, string Tentacle, IReadOnlyList<string> Steps);
