using Coordinator.Iis;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Iis;

/// <summary>
/// What a host's IIS gate accepts. The gate runs its host's IIS writes one at a time, in arrival order; every
/// command names the host, which routes it to that machine's gate.
/// </summary>
public static class IisCommands
{
    /// <summary>
    /// Queue <paramref name="Operations"/>, in this order, behind whatever the host's gate already holds. Reply:
    /// <see cref="IisOperations"/>, or <see cref="IisRefused"/> when the coordinator cannot reach the host's IIS.
    /// </summary>
    /// <param name="Origin">Who asked, for the queue view and logs (<c>coord iis apply by ops.yaml</c>, <c>bootstrap run r-12</c>).</param>
    /// <param name="RequestKey">
    /// Makes the request idempotent: asked again with the same key while its operations are queued or recently
    /// finished, the gate answers with those operations instead of queueing them twice (a CLI retrying a lost
    /// answer, a bootstrap step resumed after a crash).
    /// </param>
    [Manifest("iis.enqueue.v1")]
    public sealed record Enqueue(string Host, IReadOnlyList<IisOperation> Operations, string Origin, string RequestKey) : ICoordinatorMessage, IWithHost;

    /// <param name="Operations">The operations asked about, as the gate holds them: their numbers, queue positions and states.</param>
    [Manifest("iis.operations.v1")]
    public sealed record IisOperations(string Host, IReadOnlyList<IisOperationView> Operations) : ICoordinatorMessage;

    /// <summary>
    /// Where these operations stand (for <c>--follow</c>). Reply: <see cref="IisOperations"/>; an operation finished so
    /// long ago that the gate no longer keeps it is left out.
    /// </summary>
    [Manifest("iis.get-operations.v1")]
    public sealed record GetOperations(string Host, IReadOnlyList<long> Numbers) : ICoordinatorMessage, IWithHost;

    /// <summary>Drop a queued operation before it starts. Reply: <see cref="IisQueue"/> after the change, or <see cref="IisRefused"/>.</summary>
    [Manifest("iis.cancel.v1")]
    public sealed record Cancel(string Host, long Number) : ICoordinatorMessage, IWithHost;

    /// <summary>The host's gate: the operation in flight, the queue and the latest finished ones. Reply: <see cref="IisQueue"/>.</summary>
    [Manifest("iis.get-queue.v1")]
    public sealed record GetQueue(string Host) : ICoordinatorMessage, IWithHost;

    /// <summary>Every gate that has work queued or in flight. Reply: <see cref="IisQueues"/>.</summary>
    [Manifest("iis.get-queues.v1")]
    public sealed record GetQueues : ICoordinatorMessage
    {
        public static readonly GetQueues Instance = new();
    }

    /// <summary>Start the host's gate so it carries on with the writes it holds (sent after a restart).</summary>
    [Manifest("iis.wake.v1")]
    public sealed record Wake(string Host) : ICoordinatorMessage, IWithHost;

    /// <param name="Kind">Why, for callers that treat some refusals differently (<c>--environment</c> skips Linux hosts).</param>
    [Manifest("iis.refused.v1")]
    public sealed record IisRefused(string Host, string Reason, IisRefusalKind Kind = IisRefusalKind.Other) : ICoordinatorMessage;
}

public enum IisRefusalKind
{
    /// <summary>Invalid operations, an unknown or finished operation number, a write in flight.</summary>
    Other,

    /// <summary>The coordinator never bootstrapped the host, so it does not know how to reach it.</summary>
    NotBootstrapped,

    /// <summary>The host runs Linux: it has no IIS.</summary>
    NotWindows,
}

public enum IisOperationState
{
    Queued,
    Running,

    /// <summary>Waiting for its next attempt after a transient failure (contention, the mutex, a dropped connection).</summary>
    Retrying,
    Changed,
    Unchanged,
    Failed,
    Cancelled,
}

/// <summary>One operation of a gate, as the queue view and <c>--follow</c> show it.</summary>
/// <param name="Number">The operation's number on its host: increasing, never reused.</param>
/// <param name="Position">1 for the operation in flight or next to run; 0 once finished.</param>
/// <param name="Waited">Time from queueing until it started, or until now while it waits.</param>
/// <param name="Duration">Time since it started, or how long it ran once finished.</param>
/// <param name="Detail">Why it failed, the last transient failure while it retries, or what it did.</param>
public sealed record IisOperationView(
    long Number,
    string Description,
    string Origin,
    IisOperationState State,
    int Position,
    int Attempts,
    DateTimeOffset QueuedAt,
    TimeSpan Waited,
    TimeSpan? Duration,
    string? Detail)
{
    public bool IsFinished => State is IisOperationState.Changed or IisOperationState.Unchanged or IisOperationState.Failed or IisOperationState.Cancelled;

    public bool Succeeded => State is IisOperationState.Changed or IisOperationState.Unchanged;
}

/// <param name="Waiting">Why the gate is not running its queue, when it is not (the host was never bootstrapped).</param>
/// <param name="Pending">The operation in flight first, then the queue in order.</param>
/// <param name="Finished">The latest finished operations, newest first.</param>
[Manifest("iis.queue.v1")]
public sealed record IisQueue(string Host, string? Waiting, IReadOnlyList<IisOperationView> Pending, IReadOnlyList<IisOperationView> Finished)
    : ICoordinatorMessage
{
    public IisOperationView? InFlight => Pending.Count > 0 && Pending[0].State is IisOperationState.Running or IisOperationState.Retrying ? Pending[0] : null;
}

[Manifest("iis.queues.v1")]
public sealed record IisQueues(IReadOnlyList<IisQueue> Hosts) : ICoordinatorMessage;
