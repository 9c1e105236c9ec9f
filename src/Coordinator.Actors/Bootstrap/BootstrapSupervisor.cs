using System.Globalization;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Coordinator.Actors.Machines;
using Coordinator.Actors.Persistence;
using Coordinator.Protocol.Admin;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;
using Coordinator.Protocol;

namespace Coordinator.Actors.Bootstrap;

/// <summary>
/// Keeps the fleet directory (which machines exist, and a summary of each) so <c>coord status</c> never has to
/// wake every machine actor, and owns bootstrap runs: it admits hosts to their MachineActors through a global
/// and a per-run concurrency limit, stops admitting once a run's failure budget is spent, records one event per
/// host outcome, and after a restart resumes every unfinished run by itself — waking only the machines that
/// still have work.
/// </summary>
public sealed class BootstrapSupervisor : JournalledActor<FleetState, FleetEvents.IFleetEvent>
{
    public const string Name = "bootstrap";
    public const int SnapshotEvery = 200;

    /// <summary>How often a host's machine actor may stop mid-run and be started again before the host fails.</summary>
    public const int MachineRestartsPerHost = 3;

    private readonly IActorRef _machines;
    private readonly BootstrapSupervisorSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Which run each busy host is working for, and where it is; rebuilt by admission after a restart, never persisted.
    private readonly Dictionary<string, string> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LiveHost> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _machineRestarts = new(StringComparer.Ordinal);
    private readonly RunOutputBuffer _output = new();

    // Who asked for a certificate operation on each host; one at a time per host, never persisted.
    private readonly Dictionary<string, IActorRef> _custody = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _custodyEnvironment = new(StringComparer.Ordinal);

    public BootstrapSupervisor(IActorRef machines, BootstrapSupervisorSettings settings)
        : base(FleetState.Empty, SnapshotEvery)
    {
        _machines = machines;
        _settings = settings;

        Recover<RecoveryCompleted>(_ =>
        {
            foreach (var run in State.RunningRuns)
            {
                _log.Info("Resuming run {RunId}: {Remaining} of {Total} hosts unfinished", run.RunId, run.Unfinished.Count(), run.Hosts.Length);
            }

            Admit();
        });

        Command<FleetCommands.Enroll>(Enroll);
        Command<FleetCommands.StartRun>(StartRun);
        Command<FleetCommands.CancelRun>(CancelRun);
        Command<FleetCommands.CancelHost>(CancelHost);
        Command<FleetCommands.GetRuns>(_ => Sender.Tell(new FleetCommands.RunList(
            State.Runs.Values.OrderByDescending(r => r.StartedAt).Select(r => r.ToSummary()).ToList())));
        Command<AdminMessages.GetFleetStatus>(_ => Sender.Tell(new AdminMessages.FleetStatus(
            State.Machines.Values.Select(m => _inFlight.ContainsKey(m.Host) ? m with { Status = MachineStatus.InProgress } : m).ToList())));
        Command<FleetCommands.PlanRetry>(PlanRetry);
        Command<CertificateMessages.Adopt>(adopt => StartCustody(adopt));
        Command<CertificateMessages.Export>(export => StartCustody(export));
        Command<CertificateMessages.Forget>(forget => StartCustody(forget));
        Command<CertificateMessages.Adopted>(adopted => EndCustody(adopted.Host, adopted, reply =>
        {
            var environment = State.Machines.TryGetValue(adopted.Host, out var known) ? known.Environment : _custodyEnvironment.GetValueOrDefault(adopted.Host, "");
            PersistAndApply(new FleetEvents.MachineIdentityChanged(adopted.Host, environment, adopted.Thumbprint, DateTimeOffset.UtcNow), _ => reply());
        }));
        Command<CertificateMessages.Forgot>(forgot => EndCustody(forgot.Host, forgot, reply =>
            PersistAndApply(new FleetEvents.MachineRemoved(forgot.Host, DateTimeOffset.UtcNow), _ => reply())));
        Command<CertificateMessages.Exported>(exported => EndCustody(exported.Host, exported, reply => reply()));
        Command<CertificateMessages.Refused>(refused => EndCustody(refused.Host, new AdminMessages.RequestFailed(refused.Reason), reply => reply()));
        Command<FleetCommands.GetRunProgress>(query => Sender.Tell(State.Runs.TryGetValue(query.RunId, out var run)
            ? Progress(run) with { Output = query.OutputAfter is { } after ? _output.After(run.RunId, after) : null }
            : new AdminMessages.RequestFailed($"there is no run {query.RunId}")));
        Command<MachineReports.BootstrapEnded>(HostEnded);
        Command<MachineEntityParent.EntityStopped>(MachineStopped);
        Command<MachineReports.StepStarted>(started => Track(started, live => live with { Step = started.Step, Attempt = started.Attempt }));
        Command<MachineReports.StepOutput>(output =>
        {
            if (_inFlight.TryGetValue(output.Host, out var runId) && runId == output.RunId)
            {
                _output.Add(runId, output);
            }
        });
        Command<MachineReports.StepRetrying>(retrying => Track(retrying, live => live with { LastReason = retrying.Reason }));
        Command<MachineReports.StepFinished>(finished => Track(finished, live => live with
        {
            LastReason = null,
            LastFinished = string.Create(CultureInfo.InvariantCulture, $"{finished.Step} took {finished.DurationMs / 1000.0:0.0} s: {finished.Detail ?? "done"}"),
        }));
        Command<MachineReports.IMachineReport>(_ => { });
        Command<MachineState>(_ => { });
    }

    public override string PersistenceId => "bootstrap-supervisor";

    protected override FleetState Apply(FleetState state, FleetEvents.IFleetEvent @event) => state.Apply(@event);

    public static Props Props(IActorRef machines, BootstrapSupervisorSettings settings) =>
        Akka.Actor.Props.Create(() => new BootstrapSupervisor(machines, settings));

    private void Enroll(FleetCommands.Enroll command)
    {
        var enroll = new MachineCommands.Enroll(command.Host, command.Environment, command.Address);
        if (State.Knows(command.Host))
        {
            _machines.Forward(enroll);
            return;
        }

        var replyTo = Sender;
        PersistAndApply(new FleetEvents.MachineAdded(command.Host, command.Environment, DateTimeOffset.UtcNow), added =>
        {
            _log.Info("Machine {Host} added to the fleet in {Environment}", added.Host, added.Environment);
            _machines.Tell(enroll, replyTo);
        });
    }

    private void StartRun(FleetCommands.StartRun command)
    {
        var problem = command switch
        {
            { Hosts.Count: 0 } => "the run names no hosts",
            _ when State.Runs.ContainsKey(command.RunId) => $"run {command.RunId} already exists",
            _ => command.Hosts.GroupBy(h => h.Host, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate
                ? $"host {duplicate.Key} appears more than once"
                : null,
        };
        if (problem is not null)
        {
            Sender.Tell(new AdminMessages.RequestFailed(problem));
            return;
        }

        var replyTo = Sender;
        PersistAndApply(new FleetEvents.RunStarted(command.RunId, command.Hosts, command.Options, DateTimeOffset.UtcNow), started =>
        {
            _log.Info("Run {RunId} started for {HostCount} hosts", started.RunId, started.Hosts.Count);
            replyTo.Tell(new FleetCommands.RunAccepted(started.RunId, started.Hosts.Count));
            Admit();
        });
    }

    private void CancelRun(FleetCommands.CancelRun command)
    {
        if (!State.Runs.TryGetValue(command.RunId, out var run))
        {
            Sender.Tell(new AdminMessages.RequestFailed($"there is no run {command.RunId}"));
            return;
        }

        if (run.Status != RunStatus.Running)
        {
            Sender.Tell(run.ToSummary());
            return;
        }

        var replyTo = Sender;
        PersistAndApply(new FleetEvents.RunEnded(command.RunId, RunStatus.Cancelled, DateTimeOffset.UtcNow), ended =>
        {
            foreach (var host in _inFlight.Where(pair => pair.Value == ended.RunId).Select(pair => pair.Key))
            {
                _machines.Tell(new MachineCommands.CancelBootstrap(host, ended.RunId));
            }

            _log.Warning("Run {RunId} was cancelled", ended.RunId);
            replyTo.Tell(State.Runs[ended.RunId].ToSummary());
        });
    }

    private void CancelHost(FleetCommands.CancelHost command)
    {
        var problem = State.Runs.TryGetValue(command.RunId, out var run) switch
        {
            false => $"there is no run {command.RunId}",
            _ when run!.Status != RunStatus.Running => $"run {command.RunId} has already ended ({run.Status.ToString().ToLowerInvariant()})",
            _ when run.Hosts.All(h => h.Host != command.Host) => $"run {command.RunId} has no host {command.Host}",
            _ when run.Results.TryGetValue(command.Host, out var result) => $"{command.Host} already ended in run {command.RunId} ({result.Outcome.ToString().ToLowerInvariant()})",
            _ => null,
        };
        if (problem is not null)
        {
            Sender.Tell(new AdminMessages.RequestFailed(problem));
            return;
        }

        var replyTo = Sender;
        if (_inFlight.TryGetValue(command.Host, out var runId) && runId == command.RunId)
        {
            _machines.Tell(new MachineCommands.CancelBootstrap(command.Host, command.RunId));
            _log.Warning("Host {Host} of run {RunId} cancelled by an operator; it stops after its current step", command.Host, command.RunId);
            replyTo.Tell(run!.ToSummary());
            return;
        }

        PersistAndApply(
            new FleetEvents.HostFinished(command.RunId, command.Host, BootstrapOutcome.Cancelled, "cancelled by an operator before it started", DateTimeOffset.UtcNow),
            finished =>
            {
                _log.Warning("Host {Host} of run {RunId} cancelled by an operator before it started", finished.Host, finished.RunId);
                replyTo.Tell(State.Runs[finished.RunId].ToSummary());
                Admit();
            });
    }

    private void HostEnded(MachineReports.BootstrapEnded ended)
    {
        if (!_inFlight.TryGetValue(ended.Host, out var runId) || runId != ended.RunId)
        {
            return; // a refusal for a run that never admitted this host, or a repeat
        }

        _inFlight.Remove(ended.Host);
        _machineRestarts.Remove(ended.Host);
        var failedAt = _live.Remove(ended.Host, out var live) ? live.Step : null;
        var reason = ended.Outcome == BootstrapOutcome.Failed && (ended.FailedStep ?? failedAt) is { } step && ended.Reason is { } why
            ? $"{step}: {why}"
            : ended.Reason;
        PersistAndApply(new FleetEvents.HostFinished(ended.RunId, ended.Host, ended.Outcome, reason, DateTimeOffset.UtcNow, ended.Thumbprint), _ => Admit());
    }

    private void StartCustody(IWithHost command)
    {
        if (_custody.ContainsKey(command.Host))
        {
            Sender.Tell(new AdminMessages.RequestFailed($"another certificate operation on {command.Host} is in progress; try again when it ends"));
            return;
        }

        if (_inFlight.TryGetValue(command.Host, out var runId))
        {
            Sender.Tell(new AdminMessages.RequestFailed($"{command.Host} is busy with run {runId}; cancel it or wait for it first"));
            return;
        }

        _custody[command.Host] = Sender;
        if (command is CertificateMessages.Adopt adopt)
        {
            _custodyEnvironment[adopt.Host] = adopt.Environment;
        }

        _machines.Tell(command, Self);
    }

    /// <summary>Answers whoever asked, after <paramref name="record"/> has recorded what changed in the fleet directory.</summary>
    private void EndCustody(string host, object reply, Action<Action> record)
    {
        if (!_custody.Remove(host, out var replyTo))
        {
            return;
        }

        record(() => replyTo.Tell(reply));
        _custodyEnvironment.Remove(host);
    }

    protected override void PreStart()
    {
        _machines.Tell(new MachineEntityParent.ReportStopsTo(Self));
        base.PreStart();
    }

    /// <summary>
    /// A machine in flight stopped (its journal timed out or refused a write): ask it again, which starts a new
    /// incarnation that recovers and resumes — a few times, then the host fails instead of holding its run open.
    /// </summary>
    private void MachineStopped(MachineEntityParent.EntityStopped stopped)
    {
        if (!_inFlight.TryGetValue(stopped.Host, out var runId) || !State.Runs.TryGetValue(runId, out var run))
        {
            return;
        }

        var restarts = _machineRestarts[stopped.Host] = _machineRestarts.GetValueOrDefault(stopped.Host) + 1;
        if (restarts > MachineRestartsPerHost)
        {
            HostEnded(new MachineReports.BootstrapEnded(stopped.Host, runId, BootstrapOutcome.Failed, null,
                $"its machine actor stopped {restarts} times during the run (the journal timed out or refused writes; see the coordinator's log)"));
            return;
        }

        _log.Warning("The machine actor of {Host} stopped during run {RunId}; starting it again ({Restart} of {MaxRestarts})",
            stopped.Host, runId, restarts, MachineRestartsPerHost);
        _machines.Tell(new MachineCommands.StartBootstrap(stopped.Host, runId, run.Hosts.Single(h => h.Host == stopped.Host).Spec, run.Options.Sequential));
    }

    private void PlanRetry(FleetCommands.PlanRetry command)
    {
        var problem = State.Runs.TryGetValue(command.RunId, out var run) switch
        {
            false => $"there is no run {command.RunId}",
            _ when run!.Status == RunStatus.Running => $"run {command.RunId} is still running; wait for it or cancel it first",
            _ when State.Runs.ContainsKey(command.NewRunId) => $"run {command.NewRunId} already exists",
            _ => null,
        };
        var again = run?.Hosts.Where(h => run.Results.TryGetValue(h.Host, out var result) ? result.Outcome != BootstrapOutcome.Succeeded : true).ToList() ?? [];
        if (problem is null && again.Count == 0)
        {
            problem = $"every host of run {command.RunId} succeeded; there is nothing to retry";
        }

        if (problem is not null)
        {
            Sender.Tell(new AdminMessages.RequestFailed(problem));
            return;
        }

        Sender.Tell(new FleetCommands.StartRun(command.NewRunId, again, run!.Options));
    }

    private void Track(MachineReports.IMachineReport report, Func<LiveHost, LiveHost> update)
    {
        if (_inFlight.TryGetValue(report.Host, out var runId) && runId == report.RunId && _live.TryGetValue(report.Host, out var live))
        {
            _live[report.Host] = update(live);
        }
    }

    private FleetCommands.RunProgress Progress(RunRecord run)
    {
        var now = DateTimeOffset.UtcNow;
        var hosts = run.Hosts.Select(h =>
        {
            if (run.Results.TryGetValue(h.Host, out var result))
            {
                var state = result.Outcome switch
                {
                    BootstrapOutcome.Succeeded => HostRunState.Succeeded,
                    BootstrapOutcome.Cancelled => HostRunState.Cancelled,
                    _ => HostRunState.Failed,
                };
                return new HostProgress(h.Host, h.Spec.Environment, state, null, 0, TimeSpan.Zero, result.Reason);
            }

            if (_inFlight.TryGetValue(h.Host, out var runId) && runId == run.RunId && _live.TryGetValue(h.Host, out var live))
            {
                return new HostProgress(
                    h.Host, h.Spec.Environment, HostRunState.Running, live.Step, live.Attempt, now - live.AdmittedAt, live.LastReason, live.LastFinished);
            }

            var waiting = run.Status == RunStatus.Running ? HostRunState.Pending : HostRunState.Skipped;
            return new HostProgress(h.Host, h.Spec.Environment, waiting, null, 0, TimeSpan.Zero, null);
        }).ToList();
        return new FleetCommands.RunProgress(run.ToSummary(), hosts);
    }

    /// <summary>Starts hosts while the limits allow, and ends runs with nothing left to do.</summary>
    private void Admit()
    {
        foreach (var run in State.RunningRuns.OrderBy(r => r.StartedAt).ToList())
        {
            var inFlightForRun = _inFlight.Count(pair => pair.Value == run.RunId);
            var limit = run.Options.ParallelLimit(_settings.MaxParallel);
            if (!run.ThresholdExceeded)
            {
                foreach (var host in run.Unfinished.Where(h => !_inFlight.ContainsKey(h.Host)))
                {
                    if (_inFlight.Count >= _settings.MaxParallel || inFlightForRun >= limit)
                    {
                        break;
                    }

                    _inFlight[host.Host] = run.RunId;
                    _live[host.Host] = new LiveHost(DateTimeOffset.UtcNow, null, 0, null, null);
                    inFlightForRun++;
                    _machines.Tell(new MachineCommands.StartBootstrap(host.Host, run.RunId, host.Spec, run.Options.Sequential));
                }
            }

            if (inFlightForRun == 0 && (run.ThresholdExceeded || !run.Unfinished.Any()))
            {
                var status = run.Unfinished.Any() ? RunStatus.Stopped : RunStatus.Completed;
                PersistAndApply(new FleetEvents.RunEnded(run.RunId, status, DateTimeOffset.UtcNow), ended =>
                {
                    var record = State.Runs[ended.RunId];
                    _log.Info(
                        "Run {RunId} {Status}: {Succeeded} succeeded, {Failed} failed, {Skipped} not started",
                        ended.RunId, ended.Status, record.Succeeded, record.Failed, record.Unfinished.Count());
                });
            }
        }
    }
}

/// <summary>A host in flight as the live view shows it: known only in memory, from the machine's reports.</summary>
internal sealed record LiveHost(DateTimeOffset AdmittedAt, BootstrapStep? Step, int Attempt, string? LastReason, string? LastFinished);

/// <param name="MaxParallel">Hosts in flight at once across all runs: the coordinator's global concurrency limit.</param>
public sealed record BootstrapSupervisorSettings(int MaxParallel)
{
    public static readonly BootstrapSupervisorSettings Default = new(64);
}
