using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using Coordinator.Actors.Iis;
using Coordinator.Actors.Persistence;
using Coordinator.Iis;
using Coordinator.Protocol.Iis;
using Coordinator.Protocol.Machines;

namespace Coordinator.Actors.Machines;

/// <summary>
/// Owns one machine's truth, persisted as <c>machine-{host}</c>, and drives its bootstrap runs one step at a time:
/// each step runs in async code (<see cref="IBootstrapStepRunner"/>) whose result is piped back as a message, and
/// each completed step is one event, so a run resumed after a crash picks up at the first step not done.
/// <see cref="MachineState"/> decides; this actor persists, applies, schedules and reports. Its child <see cref="IisGate"/>
/// runs the host's IIS writes one at a time; the machine stays awake while the gate holds work.
/// </summary>
public sealed class MachineActor : JournalledActor<MachineState, MachineEvents.IMachineEvent>, IWithTimers
{
    private readonly MachineActorSettings _settings;
    private readonly IBootstrapStepRunner _runner;
    private readonly ICertificateIssuer _issuer;
    private readonly IIisOperationRunner _iisRunner;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Only while a run is active, and never persisted: who hears about progress, and the step in flight.
    private IActorRef _reportTo = ActorRefs.Nobody;
    private bool _streamOutput;
    private InFlightStep? _inFlight;
    private bool _issuing;
    private int _attempt;
    private bool _gateBusy;

    public MachineActor(string host, MachineActorSettings settings, IBootstrapStepRunner runner, ICertificateIssuer issuer, IIisOperationRunner iisRunner)
        : base(MachineState.New(host), settings.SnapshotEvery)
    {
        _settings = settings;
        _runner = runner;
        _issuer = issuer;
        _iisRunner = iisRunner;
        PersistenceId = PersistenceIdFor(host);

        Command<MachineCommands.Enroll>(Enroll);
        Command<MachineCommands.GetState>(_ => Sender.Tell(State));
        Command<MachineCommands.StartBootstrap>(StartBootstrap);
        Command<MachineCommands.CancelBootstrap>(CancelBootstrap);
        Command<CertificateMessages.Adopt>(Adopt);
        Command<CertificateMessages.Export>(Export);
        Command<CertificateMessages.Forget>(Forget);
        Command<CustodyDone>(OnCustodyDone);
        Command<StepFinished>(OnStepFinished);
        Command<IdentityIssued>(OnIdentityIssued);
        Command<RetryStep>(retry =>
        {
            if (State.IsRunning(retry.RunId) && _inFlight is null)
            {
                ContinueRun();
            }
        });
        Command<IisCommands.Enqueue>(enqueue => Gate().Forward(enqueue));
        Command<IisCommands.Cancel>(cancel => Gate().Forward(cancel));
        Command<IisCommands.GetQueue>(query => Gate().Forward(query));
        Command<IisCommands.GetOperations>(query => Gate().Forward(query));
        Command<IisCommands.Wake>(wake => Gate().Forward(wake));
        Command<IisGate.Busy>(busy => _gateBusy = busy.HasWork);
        Command<ReceiveTimeout>(_ =>
        {
            if (State.ActiveRun is null && !_gateBusy)
            {
                Context.Parent.Tell(new Passivate(PoisonPill.Instance));
            }
        });
    }

    public override string PersistenceId { get; }

    protected override MachineState Apply(MachineState state, MachineEvents.IMachineEvent @event) => state.Apply(@event);

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdFor(string host) => $"machine-{host}";

    public static Props Props(
        string host, MachineActorSettings settings, IBootstrapStepRunner runner, ICertificateIssuer issuer, IIisOperationRunner? iisRunner = null)
    {
        var iis = iisRunner ?? new IisRunnerNotConfigured();
        return Akka.Actor.Props.Create(() => new MachineActor(host, settings, runner, issuer, iis));
    }

    protected override void PreStart()
    {
        Context.SetReceiveTimeout(_settings.PassivateAfter);
        base.PreStart();
    }

    protected override void PostStop()
    {
        _inFlight?.Cancellation.Cancel();
        _inFlight?.Cancellation.Dispose();
        base.PostStop();
    }

    private void Enroll(MachineCommands.Enroll command)
    {
        if (State.Matches(command))
        {
            Sender.Tell(State);
            return;
        }

        var replyTo = Sender;
        Persist(new MachineEvents.Enrolled(command.Host, command.Environment, command.Address, DateTimeOffset.UtcNow), enrolled =>
        {
            State = State.Apply(enrolled);
            _log.Info("Machine {Host} enrolled in {Environment} at {Address}", enrolled.Host, enrolled.Environment, enrolled.Address);
            replyTo.Tell(State);
            SnapshotWhenDue();
        });
    }

    private void StartBootstrap(MachineCommands.StartBootstrap command)
    {
        if (State.IsRunning(command.RunId))
        {
            // The supervisor asks again after a restart: resume, and report to whoever asked last.
            _reportTo = Sender;
            _streamOutput = command.StreamOutput;
            Sender.Tell(State);
            if (_inFlight is null && !_issuing)
            {
                _log.Info("Resuming run {RunId} on {Host} at step {Step}", command.RunId, State.Host, State.ActiveRun!.NextStep);
                ContinueRun();
            }

            return;
        }

        if (State.HasFinished(command.RunId))
        {
            Sender.Tell(State);
            Sender.Tell(EndedReport(command.RunId));
            return;
        }

        if (State.ActiveRun is { } other)
        {
            Sender.Tell(State);
            Sender.Tell(new MachineReports.BootstrapEnded(
                State.Host, command.RunId, BootstrapOutcome.Failed, null, $"the host is busy with run {other.RunId}"));
            return;
        }

        var replyTo = Sender;
        Persist(new MachineEvents.BootstrapStarted(command.Host, command.RunId, command.Spec, DateTimeOffset.UtcNow), started =>
        {
            State = State.Apply(started);
            TellGate(new IisGate.Target(State.LastSpec));
            _reportTo = replyTo;
            _streamOutput = command.StreamOutput;
            _attempt = 0;
            Context.SetReceiveTimeout(null);
            _log.Info("Run {RunId} started on {Host} in {Environment}", started.RunId, started.Host, started.Spec.Environment);
            replyTo.Tell(State);
            ContinueRun();
        });
    }

    private void CancelBootstrap(MachineCommands.CancelBootstrap command)
    {
        if (!State.IsRunning(command.RunId))
        {
            Sender.Tell(State);
            return;
        }

        _inFlight?.Cancellation.Cancel();
        Timers.CancelAll();
        var replyTo = Sender;
        Persist(new MachineEvents.BootstrapCancelled(command.Host, command.RunId, DateTimeOffset.UtcNow), cancelled =>
        {
            State = State.Apply(cancelled);
            _log.Warning("Run {RunId} on {Host} was cancelled", cancelled.RunId, cancelled.Host);
            replyTo.Tell(State);
            EndRun(new MachineReports.BootstrapEnded(State.Host, cancelled.RunId, BootstrapOutcome.Cancelled, null, "cancelled by an operator"));
        });
    }

    private void Adopt(CertificateMessages.Adopt command)
    {
        if (RefuseWhileRunning(command.Host, "import a certificate"))
        {
            return;
        }

        var (issuer, timeout, replyTo) = (_issuer, _settings.Bootstrap.StepTimeout, Sender);
        CustodyAsync(command.Host, replyTo, timeout, async token =>
        {
            var identity = await issuer.AdoptAsync(command.Host, command.Pfx, command.Password, token);
            return new AdoptedIdentity(identity, command.Replace, command.Environment);
        }).PipeTo(Self);
    }

    private void Export(CertificateMessages.Export command)
    {
        if (State.Identity is not { } identity)
        {
            Sender.Tell(new CertificateMessages.Refused(command.Host, $"{command.Host} has no retained certificate yet: bootstrap it, or import one with coord certs import"));
            return;
        }

        var (issuer, timeout) = (_issuer, _settings.Bootstrap.StepTimeout);
        CustodyAsync(command.Host, Sender, timeout, async token =>
            new CertificateMessages.Exported(command.Host, identity.Thumbprint, await issuer.ExportAsync(command.Host, identity, command.Password, token)))
            .PipeTo(Self);
    }

    private void Forget(CertificateMessages.Forget command)
    {
        if (RefuseWhileRunning(command.Host, "forget it"))
        {
            return;
        }

        var (runner, timeout, identity, spec) = (_runner, _settings.Bootstrap.StepTimeout, State.Identity, State.LastSpec);
        CustodyAsync(command.Host, Sender, timeout, async token =>
        {
            var octopus = identity is null
                ? "it had no certificate, so no Octopus machine could be pinned to it"
                : spec is null
                    ? "it was never bootstrapped, so no Octopus machine was registered by this coordinator"
                    : await runner.DeregisterAsync(command.Host, spec, identity.Thumbprint, token);
            return new CertificateMessages.Forgot(command.Host, identity?.Thumbprint, octopus);
        }).PipeTo(Self);
    }

    private bool RefuseWhileRunning(string host, string what)
    {
        if (State.ActiveRun is not { } run)
        {
            return false;
        }

        Sender.Tell(new CertificateMessages.Refused(host, $"{host} is busy with run {run.RunId}; cancel it or wait before you {what}"));
        return true;
    }

    private static async Task<CustodyDone> CustodyAsync(string host, IActorRef replyTo, TimeSpan timeout, Func<CancellationToken, Task<object>> work)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            return new CustodyDone(await work(cancellation.Token), replyTo);
        }
        catch (Exception e)
        {
            return new CustodyDone(new CertificateMessages.Refused(host, e.Message), replyTo);
        }
    }

    private void OnCustodyDone(CustodyDone done)
    {
        switch (done.Result)
        {
            case AdoptedIdentity adopted when State.Identity is { } current && current.Thumbprint != adopted.Identity.Thumbprint && !adopted.Replace:
                done.ReplyTo.Tell(new CertificateMessages.Refused(State.Host,
                    $"{State.Host} already has the retained certificate {current.Thumbprint}; importing {adopted.Identity.Thumbprint} would change its " +
                    "identity in Octopus. Pass --replace to do it anyway."));
                break;
            case AdoptedIdentity adopted when State.Identity?.Thumbprint == adopted.Identity.Thumbprint:
                done.ReplyTo.Tell(new CertificateMessages.Adopted(State.Host, adopted.Identity.Thumbprint, adopted.Identity.NotAfter, Replaced: false));
                break;
            case AdoptedIdentity adopted:
                var replaced = State.Identity is not null;
                Persist(new MachineEvents.CertificateAdopted(State.Host, adopted.Identity, DateTimeOffset.UtcNow), e =>
                {
                    State = State.Apply(e);
                    _log.Warning("Certificate {Thumbprint} imported by an operator as the identity of {Host}", e.Identity.Thumbprint, e.Host);
                    done.ReplyTo.Tell(new CertificateMessages.Adopted(e.Host, e.Identity.Thumbprint, e.Identity.NotAfter, replaced));
                });
                break;
            case CertificateMessages.Forgot forgot:
                Persist(new MachineEvents.Forgotten(State.Host, DateTimeOffset.UtcNow), e =>
                {
                    State = State.Apply(e);
                    TellGate(new IisGate.Target(null));
                    _log.Warning("Machine {Host} forgotten: certificate {Thumbprint} dropped; Octopus: {Octopus}", e.Host, forgot.Thumbprint ?? "none", forgot.Octopus);
                    done.ReplyTo.Tell(forgot);
                });
                break;
            default:
                done.ReplyTo.Tell(done.Result);
                break;
        }
    }

    /// <summary>Runs the next step, issuing and persisting the host's retained certificate first if it has none.</summary>
    private void ContinueRun()
    {
        if (State.Identity is not null)
        {
            RunNextStep(State.Identity);
            return;
        }

        var runId = State.ActiveRun!.RunId;
        var host = State.Host;
        var timeout = _settings.Bootstrap.StepTimeout;
        _issuing = true;
        IssueAsync(_issuer, host, runId, timeout).PipeTo(Self);
    }

    private static async Task<IdentityIssued> IssueAsync(ICertificateIssuer issuer, string host, string runId, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            return new IdentityIssued(runId, await issuer.IssueAsync(host, cancellation.Token), null);
        }
        catch (Exception e)
        {
            return new IdentityIssued(runId, null, e.Message);
        }
    }

    private void OnIdentityIssued(IdentityIssued issued)
    {
        _issuing = false;
        if (!State.IsRunning(issued.RunId))
        {
            return; // the run was cancelled meanwhile; the next run issues again
        }

        if (issued.Identity is null)
        {
            var reason = $"could not issue the host's retained certificate: {issued.Error}";
            Persist(new MachineEvents.BootstrapFailed(State.Host, issued.RunId, BootstrapStep.ImportCertificate, reason, DateTimeOffset.UtcNow), failure =>
            {
                State = State.Apply(failure);
                _log.Error("Run {RunId} on {Host} failed: {Reason}", failure.RunId, failure.Host, failure.Reason);
                EndRun(new MachineReports.BootstrapEnded(State.Host, failure.RunId, BootstrapOutcome.Failed, failure.Step, failure.Reason));
            });
            return;
        }

        Persist(new MachineEvents.CertificateRetained(State.Host, issued.Identity, DateTimeOffset.UtcNow), retained =>
        {
            State = State.Apply(retained);
            _log.Info("Retained certificate {Thumbprint} issued for {Host}", retained.Identity.Thumbprint, retained.Host);
            RunNextStep(State.Identity!);
        });
    }

    private void RunNextStep(RetainedIdentity identity)
    {
        var run = State.ActiveRun!;
        _attempt++;
        var output = _streamOutput ? new OutputReporter(_reportTo, State.Host, run.RunId, run.NextStep) : null;
        var request = new StepRequest(State.Host, run.RunId, run.NextStep, _attempt, run.Spec, identity, output);
        var cancellation = new CancellationTokenSource(_settings.Bootstrap.StepTimeout);
        _inFlight = new InFlightStep(request, cancellation, Stopwatch.StartNew());

        _log.Info(
            "Step {Step} started on {Host} in {Environment} (run {RunId}, attempt {Attempt})",
            request.Step, request.Host, run.Spec.Environment, request.RunId, request.Attempt);
        _reportTo.Tell(new MachineReports.StepStarted(request.Host, request.RunId, request.Step, request.Attempt, DateTimeOffset.UtcNow));

        var timeout = _settings.Bootstrap.StepTimeout;
        Func<CancellationToken, Task<StepResult>> step = request.Step == BootstrapStep.IisBaseline
            ? BaselineStep(request)
            : token => _runner.RunAsync(request, token);
        RunStepAsync(step, request, cancellation.Token, timeout).PipeTo(Self);
    }

    private static async Task<StepFinished> RunStepAsync(
        Func<CancellationToken, Task<StepResult>> step, StepRequest request, CancellationToken cancellationToken, TimeSpan timeout)
    {
        try
        {
            return new StepFinished(request, await step(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new StepFinished(request, new StepResult.Failed($"timed out after {timeout}", Transient: true));
        }
        catch (Exception e)
        {
            return new StepFinished(request, new StepResult.Failed(e.Message, Transient: true));
        }
    }

    private void OnStepFinished(StepFinished finished)
    {
        if (_inFlight is null || _inFlight.Request != finished.Request)
        {
            return; // a step of a cancelled run, or one that was already retried
        }

        var elapsed = _inFlight.Clock.Elapsed;
        _inFlight.Cancellation.Dispose();
        _inFlight = null;
        var request = finished.Request;
        var environment = State.ActiveRun!.Spec.Environment;

        switch (finished.Result)
        {
            case StepResult.Completed completed:
                var @event = new MachineEvents.StepCompleted(
                    request.Host, request.RunId, request.Step, request.Attempt, (long)elapsed.TotalMilliseconds, completed.Detail, DateTimeOffset.UtcNow);
                Persist(@event, done =>
                {
                    State = State.Apply(done);
                    _attempt = 0;
                    _log.Log(
                        LogLevel.InfoLevel,
                        "Step {Step} finished on {Host} in {Environment} (run {RunId}, attempt {Attempt}) in {DurationMs} ms: {Detail}",
                        [done.Step, done.Host, environment, done.RunId, done.Attempt, done.DurationMs, done.Detail ?? "done"]);
                    SnapshotWhenDue();
                    _reportTo.Tell(new MachineReports.StepFinished(done.Host, done.RunId, done.Step, done.Attempt, done.DurationMs, done.Detail));
                    if (State.ActiveRun is null)
                    {
                        EndRun(new MachineReports.BootstrapEnded(State.Host, done.RunId, BootstrapOutcome.Succeeded, null, null, State.Identity?.Thumbprint));
                    }
                    else
                    {
                        ContinueRun();
                    }
                });
                break;

            case StepResult.Failed { Transient: true } failed when request.Attempt < _settings.Bootstrap.MaxAttempts:
                var delay = _settings.Bootstrap.BackoffBefore(request.Attempt + 1, Random.Shared);
                _log.Log(
                    LogLevel.WarningLevel,
                    "Step {Step} failed on {Host} in {Environment} (run {RunId}, attempt {Attempt}) after {DurationMs} ms, retrying in {DelayMs} ms: {Reason}",
                    [request.Step, request.Host, environment, request.RunId, request.Attempt, (long)elapsed.TotalMilliseconds, (long)delay.TotalMilliseconds, failed.Reason]);
                _reportTo.Tell(new MachineReports.StepRetrying(request.Host, request.RunId, request.Step, request.Attempt, failed.Reason, delay));
                Timers.StartSingleTimer(nameof(RetryStep), new RetryStep(request.RunId), delay);
                break;

            case StepResult.Failed failed:
                var reason = failed.Transient ? $"{failed.Reason} (gave up after {request.Attempt} attempts)" : failed.Reason;
                Persist(new MachineEvents.BootstrapFailed(request.Host, request.RunId, request.Step, reason, DateTimeOffset.UtcNow), failure =>
                {
                    State = State.Apply(failure);
                    _log.Log(
                        LogLevel.ErrorLevel,
                        "Step {Step} failed on {Host} in {Environment} (run {RunId}, attempt {Attempt}) after {DurationMs} ms: {Reason}",
                        [failure.Step, failure.Host, environment, failure.RunId, request.Attempt, (long)elapsed.TotalMilliseconds, failure.Reason]);
                    EndRun(new MachineReports.BootstrapEnded(State.Host, failure.RunId, BootstrapOutcome.Failed, failure.Step, failure.Reason, State.Identity?.Thumbprint));
                });
                break;
        }
    }

    /// <summary>
    /// The IIS baseline goes through the host's gate like any other IIS write, so it takes its turn with them. The
    /// request key is the run's: a step resumed after a crash finds its operations already queued instead of adding them twice.
    /// </summary>
    private Func<CancellationToken, Task<StepResult>> BaselineStep(StepRequest request)
    {
        var baseline = request.Spec.Iis?.Baseline ?? [];
        if (baseline.Count == 0 || request.Spec.Os != HostPlatform.Windows)
        {
            return _ => Task.FromResult<StepResult>(new StepResult.Completed("no IIS baseline in the inventory"));
        }

        var gate = Gate();
        var enqueue = new IisCommands.Enqueue(request.Host, baseline, $"bootstrap run {request.RunId}", $"bootstrap:{request.RunId}");
        return token => ApplyBaselineAsync(gate, enqueue, token);
    }

    /// <summary>A baseline this short is named operation by operation in the step's detail; a longer one only counted.</summary>
    private const int BaselineOperationsNamed = 5;

    private static async Task<StepResult> ApplyBaselineAsync(IActorRef gate, IisCommands.Enqueue enqueue, CancellationToken cancellationToken)
    {
        var answer = await gate.Ask<object>(new IisGate.ApplyAndWait(enqueue), cancellationToken);
        if (answer is IisCommands.IisRefused refused)
        {
            return new StepResult.Failed($"the IIS baseline was refused: {refused.Reason}", Transient: false);
        }

        var operations = ((IisGate.RequestFinished)answer).Operations;
        if (operations.FirstOrDefault(o => !o.Succeeded) is { } failed)
        {
            return new StepResult.Failed($"IIS baseline #{failed.Number} {failed.Description} {failed.State.ToString().ToLowerInvariant()}: {failed.Detail}", Transient: false);
        }

        var changed = operations.Count(o => o.State == IisOperationState.Changed);
        var each = operations.Count <= BaselineOperationsNamed
            ? ": " + string.Join("; ", operations.Select(o => $"#{o.Number} {o.Description} {(o.State == IisOperationState.Changed ? "changed" : "already in place")}"))
            : "";
        return new StepResult.Completed($"{operations.Count} IIS operations through the gate, {changed} changed, {operations.Count - changed} already in place{each}");
    }

    private IActorRef Gate() =>
        Context.Child(IisGate.ChildName) is var gate && !gate.IsNobody()
            ? gate
            : Context.ActorOf(IisGate.Props(State.Host, State.LastSpec, _iisRunner, _settings.IisPolicy), IisGate.ChildName);

    private void TellGate(IisGate.Target target)
    {
        if (Context.Child(IisGate.ChildName) is var gate && !gate.IsNobody())
        {
            gate.Tell(target);
        }
    }

    private void EndRun(MachineReports.BootstrapEnded ended)
    {
        _ = ReleaseQuietlyAsync(_runner, ended.Host);
        _reportTo.Tell(ended);
        _reportTo = ActorRefs.Nobody;
        _streamOutput = false;
        _attempt = 0;
        Context.SetReceiveTimeout(_settings.PassivateAfter);
    }

    private static async Task ReleaseQuietlyAsync(IBootstrapStepRunner runner, string host)
    {
        try
        {
            await runner.ReleaseAsync(host);
        }
        catch (Exception)
        {
            // Releasing is housekeeping: a connection that fails to close is dropped with the runner's pool.
        }
    }

    private MachineReports.BootstrapEnded EndedReport(string runId) => State.Status switch
    {
        MachineStatus.Ready => new MachineReports.BootstrapEnded(State.Host, runId, BootstrapOutcome.Succeeded, null, null),
        _ => new MachineReports.BootstrapEnded(State.Host, runId, BootstrapOutcome.Failed, null, State.LastError),
    };

    /// <summary>Passes each line a step's commands print straight to whoever follows the run; called on the runner's threads.</summary>
    private sealed class OutputReporter(IActorRef reportTo, string host, string runId, BootstrapStep step) : IProgress<StepOutputLine>
    {
        public void Report(StepOutputLine value) => reportTo.Tell(new MachineReports.StepOutput(host, runId, step, value.IsError, value.Text));
    }

    /// <summary>A certificate operation's outcome, piped back with whom to answer.</summary>
    private sealed record CustodyDone(object Result, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    private sealed record AdoptedIdentity(RetainedIdentity Identity, bool Replace, string Environment);

    private sealed record InFlightStep(StepRequest Request, CancellationTokenSource Cancellation, Stopwatch Clock);

    /// <summary>A step's result, piped back from the async runner. Never leaves this actor.</summary>
    private sealed record StepFinished(StepRequest Request, StepResult Result) : INoSerializationVerificationNeeded;

    private sealed record RetryStep(string RunId) : INoSerializationVerificationNeeded;

    /// <summary>The issuer's answer, piped back: an identity to persist, or why there is none.</summary>
    private sealed record IdentityIssued(string RunId, RetainedIdentity? Identity, string? Error) : INoSerializationVerificationNeeded;
}
