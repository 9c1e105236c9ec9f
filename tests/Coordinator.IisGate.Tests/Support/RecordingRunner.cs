using System.Diagnostics;
using Coordinator.Actors.Iis;
using Coordinator.Iis;
using Coordinator.Protocol.Machines;

namespace Coordinator.IisGateTests.Support;

/// <summary>One attempt the gate made, timed on one clock for every host.</summary>
public sealed record RecordedAttempt(string Host, IisOperation Operation, TimeSpan Start, TimeSpan End, IisAttemptResult? Result, string? Error);

/// <summary>
/// The real runner with a recorder around it: when each attempt started and ended and how it came out, per host, so a
/// test can tell whether a gate ever had two writes in flight and whether gates of different hosts overlapped.
/// </summary>
public sealed class RecordingRunner(IIisOperationRunner inner) : IIisOperationRunner
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    private readonly Lock _lock = new();
    private readonly List<RecordedAttempt> _attempts = [];

    /// <summary>The recorder's clock, for a test to mark a moment comparable with the attempts' times.</summary>
    public static TimeSpan Now => Clock.Elapsed;

    public IReadOnlyList<RecordedAttempt> Attempts
    {
        get
        {
            lock (_lock)
            {
                return [.. _attempts];
            }
        }
    }

    public async Task<IisAttemptResult> RunAsync(string host, MachineSpec spec, IisOperation operation, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var start = Clock.Elapsed;
        try
        {
            var result = await inner.RunAsync(host, spec, operation, timeLimit, cancellationToken);
            Record(new RecordedAttempt(host, operation, start, Clock.Elapsed, result, null));
            return result;
        }
        catch (Exception e)
        {
            Record(new RecordedAttempt(host, operation, start, Clock.Elapsed, null, e.GetType().Name + ": " + e.Message));
            throw;
        }
    }

    public ValueTask ReleaseAsync(string host) => inner.ReleaseAsync(host);

    /// <summary>Each attempt that started before the one before it had ended, described; empty when they took turns.</summary>
    public static IReadOnlyList<string> Overlaps(IEnumerable<RecordedAttempt> attempts)
    {
        var inOrder = attempts.OrderBy(a => a.Start).ToList();
        return [.. inOrder.Zip(inOrder.Skip(1), (before, after) => (Before: before, After: after))
            .Where(pair => pair.After.Start < pair.Before.End)
            .Select(pair => $"{pair.After.Operation.Description} started at {pair.After.Start:g} while {pair.Before.Operation.Description} ran ({pair.Before.Start:g}-{pair.Before.End:g})")];
    }

    private void Record(RecordedAttempt attempt)
    {
        lock (_lock)
        {
            _attempts.Add(attempt);
        }
    }
}
