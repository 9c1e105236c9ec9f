using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Coordinator.Actors.Persistence;
using Coordinator.Iis;
using Coordinator.Protocol.Iis;
using Coordinator.Protocol.Machines;

namespace Coordinator.Actors.Iis;

/// <summary>
/// One host's IIS writes, one at a time, in arrival order (a child of its MachineActor, persisted as
/// <c>iis-gate-{host}</c>). Parallel writers to one applicationHost.config fail or lose changes; writes on different
/// hosts do not meet, so each host has its own gate and gates run in parallel. Each operation is journalled when queued
/// and when finished: after a restart the queue is intact and the operation that was in flight runs again, which is
/// safe because every operation is idempotent. Transient failures (contention, the host mutex, a dropped connection)
/// are retried with backoff up to the policy's attempts; anything else fails that operation and the gate goes on.
/// <see cref="IisGateState"/> decides; this actor persists, schedules and reports.
/// </summary>
public sealed class IisGate : JournalledActor<IisGateState, IisGateEvents.IIisGateEvent>, IWithTimers
{
    public const string ChildName = "iis";

    private const int SnapshotEvery = 100;

    private readonly IIisOperationRunner _runner;
    private readonly IisGatePolicy _policy;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, List<IActorRef>> _waiting = new(StringComparer.Ordinal);
    private MachineSpec? _target;

    // Never persisted: how often the head of the queue was tried, the attempt in flight, or the retry due for it.
    private HeadAttempts? _attemptsOfHead;
    private Attempt? _attempt;
    private RetryDue? _retry;
    private bool _reportedBusy;

    public IisGate(string host, MachineSpec? target, IIisOperationRunner runner, IisGatePolicy policy)
        : base(IisGateState.New(host), SnapshotEvery)
    {
        _runner = runner;
        _policy = policy;
        _target = target;
        PersistenceId = PersistenceIdFor(host);

        Recover<RecoveryCompleted>(_ =>
        {
            if (State.Head is { } head)
            {
                _log.Info("IIS gate of {Host} recovered with {Queued} operations; #{Number} {Operation} runs again from the start", State.Host, State.Pending.Count, head.Number, head.Operation.Description);
            }

            RunNext();
        });

        Command<IisCommands.Enqueue>(enqueue => Enqueue(enqueue, Sender, waitForAll: false));
        Command<ApplyAndWait>(apply => Enqueue(apply.Request, Sender, waitForAll: true));
        Command<IisCommands.Cancel>(Cancel);
        Command<IisCommands.GetQueue>(_ => Sender.Tell(View()));
        Command<IisCommands.GetOperations>(query => Sender.Tell(new IisCommands.IisOperations(State.Host, ViewsOf(query.Numbers))));
        Command<IisCommands.Wake>(_ => RunNext());
        Command<Target>(target =>
        {
            _target = target.Spec;
            RunNext();
        });
        Command<AttemptEnded>(OnAttemptEnded);
        Command<RetryDue>(due =>
        {
            if (_retry == due)
            {
                _retry = null;
                RunNext();
            }
        });
    }

    public override string PersistenceId { get; }

    protected override IisGateState Apply(IisGateState state, IisGateEvents.IIisGateEvent @event) => state.Apply(@event);

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdFor(string host) => $"iis-gate-{host}";

    public static Props Props(string host, MachineSpec? target, IIisOperationRunner runner, IisGatePolicy policy) =>
        Akka.Actor.Props.Create(() => new IisGate(host, target, runner, policy));

    /// <summary>The MachineActor's latest spec: where the host is and which mutex its IIS writers share.</summary>
    public sealed record Target(MachineSpec? Spec) : INoSerializationVerificationNeeded;

    /// <summary>Queue the request, then answer <see cref="RequestFinished"/> once all its operations have finished.</summary>
    public sealed record ApplyAndWait(IisCommands.Enqueue Request) : INoSerializationVerificationNeeded;

    /// <param name="Operations">The request's operations, finished, in order.</param>
    public sealed record RequestFinished(string RequestKey, IReadOnlyList<IisOperationView> Operations) : INoSerializationVerificationNeeded;

    /// <summary>Told to the parent when the gate starts or stops holding work, so the machine does not passivate under it.</summary>
    public sealed record Busy(bool HasWork) : INoSerializationVerificationNeeded;

    /// <summary>Published on the event stream after every change, for the fleet-wide queue view.</summary>
    public sealed record QueueChanged(IisQueue Queue) : INoSerializationVerificationNeeded;

    protected override void PostStop()
    {
        _attempt?.Cancellation.Cancel();
        _attempt?.Cancellation.Dispose();
        base.PostStop();
    }

    private void Enqueue(IisCommands.Enqueue request, IActorRef replyTo, bool waitForAll)
    {
        if (Refusal(request) is { } refusal)
        {
            replyTo.Tell(refusal);
            return;
        }

        var known = State.NumbersOf(request.RequestKey);
        if (known.Count > 0)
        {
            Accepted(request.RequestKey, known, replyTo, waitForAll);
            return;
        }

        var at = DateTimeOffset.UtcNow;
        var events = request.Operations
            .Select((operation, index) => new IisGateEvents.Queued(State.Host, State.LastNumber + 1 + index, operation, request.Origin, request.RequestKey, at))
            .ToList();
        var persisted = 0;
        PersistAll(events, queued =>
        {
            State = State.Apply(queued);
            _log.Log(
                LogLevel.InfoLevel,
                "IIS operation {Operation} queued on {Host} at position {QueuePosition} (#{Number}, by {Origin})",
                [queued.Operation.Description, queued.Host, State.Pending.Count, queued.Number, queued.Origin]);
            SnapshotWhenDue();
            if (++persisted < events.Count)
            {
                return;
            }

            Accepted(request.RequestKey, events.Select(e => e.Number).ToList(), replyTo, waitForAll);
            RunNext();
        });
    }

    private IisCommands.IisRefused? Refusal(IisCommands.Enqueue request)
    {
        if (request.Operations.Count == 0)
        {
            return new IisCommands.IisRefused(State.Host, "the request holds no IIS operations");
        }

        if (TargetProblem() is { } problem)
        {
            return new IisCommands.IisRefused(State.Host, problem.Reason, problem.Kind);
        }

        var problems = request.Operations.SelectMany(ProblemsOf).ToList();
        return problems.Count == 0 ? null : new IisCommands.IisRefused(State.Host, string.Join(" ", problems));
    }

    private static IReadOnlyList<string> ProblemsOf(IisOperation operation)
    {
        try
        {
            IisOperationValidator.Validated(operation);
            return [];
        }
        catch (InvalidIisOperationException invalid)
        {
            return [$"{operation.Description}: {string.Join(" ", invalid.Problems)}"];
        }
    }

    private void Accepted(string requestKey, IReadOnlyList<long> numbers, IActorRef replyTo, bool waitForAll)
    {
        if (!waitForAll)
        {
            replyTo.Tell(new IisCommands.IisOperations(State.Host, ViewsOf(numbers)));
            return;
        }

        if (!_waiting.TryGetValue(requestKey, out var waiters))
        {
            _waiting[requestKey] = waiters = [];
        }

        waiters.Add(replyTo);
        AnswerFinishedRequests();
    }

    private void Cancel(IisCommands.Cancel cancel)
    {
        var queued = State.Pending.Find(p => p.Number == cancel.Number);
        if (queued is null)
        {
            var finished = State.Finished.Find(f => f.Number == cancel.Number);
            Sender.Tell(new IisCommands.IisRefused(State.Host, finished is null
                ? $"{State.Host} has no IIS operation #{cancel.Number}; coord iis queue --host {State.Host} lists them"
                : $"#{cancel.Number} on {State.Host} already finished: {finished.Outcome}"));
            return;
        }

        if (_attempt?.Number == cancel.Number)
        {
            Sender.Tell(new IisCommands.IisRefused(State.Host,
                $"#{cancel.Number} on {State.Host} is running: an IIS write is not stopped halfway; it ends within its time limit"));
            return;
        }

        var replyTo = Sender;
        if (_retry?.Number == cancel.Number)
        {
            Timers.Cancel(nameof(RetryDue));
            _retry = null;
        }

        var now = DateTimeOffset.UtcNow;
        var tried = _attemptsOfHead?.Number == cancel.Number ? _attemptsOfHead : null;
        var cancelled = new IisGateEvents.Finished(
            State.Host, cancel.Number, IisOperationState.Cancelled, tried?.Attempts ?? 0, tried?.StartedAt,
            tried is null ? 0 : (long)(now - tried.StartedAt).TotalMilliseconds, "cancelled by an operator", now);
        Persist(cancelled, finished =>
        {
            State = State.Apply(finished);
            _log.Warning("IIS operation {Operation} on {Host} (#{Number}) cancelled by an operator", queued.Operation.Description, finished.Host, finished.Number);
            AfterFinished();
            replyTo.Tell(View());
        });
    }

    /// <summary>Starts the head of the queue when nothing is in flight or waiting to retry, and the host can be reached.</summary>
    private void RunNext()
    {
        TryStartHead();
        ReportChange();
    }

    private void TryStartHead()
    {
        if (_attempt is not null || _retry is not null || State.Head is not { } head || TargetProblem() is not null)
        {
            return;
        }

        var spec = _target!;
        var attempts = _attemptsOfHead is { } previous && previous.Number == head.Number ? previous.Attempts + 1 : 1;
        var startedAt = attempts == 1 ? DateTimeOffset.UtcNow : _attemptsOfHead!.StartedAt;
        _attemptsOfHead = new HeadAttempts(head.Number, attempts, startedAt);
        var mutex = spec.Iis?.ToMutex() ?? IisMutex.Default;
        var timeLimit = _policy.AttemptLimitFor(mutex);
        var cancellation = new CancellationTokenSource(timeLimit);
        _attempt = new Attempt(head.Number, attempts, cancellation, Stopwatch.StartNew());
        if (attempts == 1)
        {
            _log.Log(
                LogLevel.InfoLevel,
                "IIS operation {Operation} started on {Host} after waiting {WaitedMs} ms (#{Number}, by {Origin})",
                [head.Operation.Description, State.Host, (long)(startedAt - head.QueuedAt).TotalMilliseconds, head.Number, head.Origin]);
        }

        AttemptAsync(_runner, State.Host, spec, head, attempts, timeLimit, cancellation.Token).PipeTo(Self);
    }

    private static async Task<AttemptEnded> AttemptAsync(
        IIisOperationRunner runner, string host, MachineSpec spec, QueuedIisOperation operation, int attempt, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        try
        {
            return new AttemptEnded(operation.Number, attempt, await runner.RunAsync(host, spec, operation.Operation, timeLimit, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new AttemptEnded(operation.Number, attempt, new IisAttemptResult.Failed($"timed out after {timeLimit}", Transient: true));
        }
        catch (Exception e)
        {
            return new AttemptEnded(operation.Number, attempt, new IisAttemptResult.Failed(e.Message, Transient: true));
        }
    }

    private void OnAttemptEnded(AttemptEnded ended)
    {
        if (_attempt is not { } attempt || attempt.Number != ended.Number || attempt.Attempts != ended.Attempt)
        {
            return;
        }

        attempt.Cancellation.Dispose();
        _attempt = null;
        var head = State.Head!;
        var first = _attemptsOfHead!;
        var now = DateTimeOffset.UtcNow;
        var totalMs = (long)(now - first.StartedAt).TotalMilliseconds;
        switch (ended.Result)
        {
            case IisAttemptResult.Failed { Transient: true } failed when ended.Attempt < _policy.MaxAttempts:
                var delay = _policy.BackoffBefore(ended.Attempt + 1, Random.Shared);
                _log.Log(
                    LogLevel.WarningLevel,
                    "IIS operation {Operation} failed on {Host} (#{Number}, attempt {Attempt}) after {DurationMs} ms, retrying in {DelayMs} ms: {Reason}",
                    [head.Operation.Description, State.Host, head.Number, ended.Attempt, (long)attempt.Clock.Elapsed.TotalMilliseconds, (long)delay.TotalMilliseconds, failed.Reason]);
                _retry = new RetryDue(head.Number, failed.Reason);
                Timers.StartSingleTimer(nameof(RetryDue), _retry, delay);
                ReportChange();
                break;

            case IisAttemptResult.Failed failed:
                var reason = failed.Transient ? $"{failed.Reason} (gave up after {ended.Attempt} attempts)" : failed.Reason;
                Finish(new IisGateEvents.Finished(State.Host, head.Number, IisOperationState.Failed, ended.Attempt, first.StartedAt, totalMs, reason, now), head);
                break;

            case IisAttemptResult.Done done:
                var outcome = done.Result == IisResult.Changed ? IisOperationState.Changed : IisOperationState.Unchanged;
                Finish(new IisGateEvents.Finished(State.Host, head.Number, outcome, ended.Attempt, first.StartedAt, totalMs, null, now), head);
                break;
        }
    }

    private void Finish(IisGateEvents.Finished @event, QueuedIisOperation operation)
    {
        Persist(@event, finished =>
        {
            State = State.Apply(finished);
            var waitedMs = (long)((finished.StartedAt ?? finished.At) - operation.QueuedAt).TotalMilliseconds;
            var level = finished.Outcome == IisOperationState.Failed ? LogLevel.ErrorLevel : LogLevel.InfoLevel;
            _log.Log(
                level,
                "IIS operation {Operation} finished on {Host} (#{Number}): {Outcome} in {DurationMs} ms after waiting {WaitedMs} ms, {Attempts} attempts{Reason}",
                [operation.Operation.Description, finished.Host, finished.Number, finished.Outcome, finished.DurationMs, waitedMs, finished.Attempts,
                 finished.Detail is null ? "" : ": " + finished.Detail]);
            AfterFinished();
            RunNext();
        });
    }

    private void AfterFinished()
    {
        if (_attemptsOfHead is { } head && State.Pending.All(p => p.Number != head.Number))
        {
            _attemptsOfHead = null;
        }

        SnapshotWhenDue();
        AnswerFinishedRequests();
    }

    private void AnswerFinishedRequests()
    {
        foreach (var (requestKey, waiters) in _waiting.ToList())
        {
            if (State.Pending.Any(p => p.RequestKey == requestKey))
            {
                continue;
            }

            var finished = new RequestFinished(requestKey, ViewsOf(State.NumbersOf(requestKey)));
            waiters.ForEach(waiter => waiter.Tell(finished));
            _waiting.Remove(requestKey);
        }
    }

    private (IisRefusalKind Kind, string Reason)? TargetProblem() => _target switch
    {
        null => (IisRefusalKind.NotBootstrapped,
            $"{State.Host} has not been bootstrapped by this coordinator, so it does not know how to reach it: run coord bootstrap for it first"),
        { Os: HostPlatform.Linux } => (IisRefusalKind.NotWindows, $"{State.Host} is a Linux host; IIS operations need a Windows host"),
        _ => null,
    };

    private IisQueue View()
    {
        var now = DateTimeOffset.UtcNow;
        var pending = State.Pending.Select((p, index) => PendingView(p, index + 1, now)).ToList();
        var finished = State.Finished.Reverse().Take(20).Select(f => f.ToView()).ToList();
        return new IisQueue(State.Host, State.IsIdle ? null : TargetProblem()?.Reason, pending, finished);
    }

    private IisOperationView PendingView(QueuedIisOperation operation, int position, DateTimeOffset now)
    {
        var started = _attemptsOfHead is { } head && head.Number == operation.Number ? head : null;
        var state = _attempt?.Number == operation.Number ? IisOperationState.Running
            : _retry?.Number == operation.Number ? IisOperationState.Retrying
            : IisOperationState.Queued;
        return new IisOperationView(
            operation.Number,
            operation.Operation.Description,
            operation.Origin,
            state,
            position,
            started?.Attempts ?? 0,
            operation.QueuedAt,
            (started?.StartedAt ?? now) - operation.QueuedAt,
            started is null ? null : now - started.StartedAt,
            _retry?.Number == operation.Number ? _retry.Reason : null);
    }

    private IReadOnlyList<IisOperationView> ViewsOf(IReadOnlyList<long> numbers)
    {
        var now = DateTimeOffset.UtcNow;
        return numbers
            .Select(number =>
            {
                var index = State.Pending.FindIndex(p => p.Number == number);
                return index >= 0
                    ? PendingView(State.Pending[index], index + 1, now)
                    : State.Finished.Find(f => f.Number == number)?.ToView();
            })
            .OfType<IisOperationView>()
            .ToList();
    }

    private void ReportChange()
    {
        var busy = !State.IsIdle;
        if (busy != _reportedBusy)
        {
            _reportedBusy = busy;
            Context.Parent.Tell(new Busy(busy));
            if (!busy)
            {
                _ = ReleaseQuietlyAsync(_runner, State.Host);
            }
        }

        Context.System.EventStream.Publish(new QueueChanged(View()));
    }

    private static async Task ReleaseQuietlyAsync(IIisOperationRunner runner, string host)
    {
        try
        {
            await runner.ReleaseAsync(host);
        }
        catch (Exception)
        {
            // Housekeeping only: the next operation opens a fresh connection either way.
        }
    }

    /// <summary>How often the head of the queue has been tried and when it first started: kept across retries.</summary>
    private sealed record HeadAttempts(long Number, int Attempts, DateTimeOffset StartedAt);

    private sealed record Attempt(long Number, int Attempts, CancellationTokenSource Cancellation, Stopwatch Clock);

    private sealed record AttemptEnded(long Number, int Attempt, IisAttemptResult Result) : INoSerializationVerificationNeeded;

    private sealed record RetryDue(long Number, string Reason) : INoSerializationVerificationNeeded;
}
