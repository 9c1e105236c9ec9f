using System.Collections.Concurrent;
using Coordinator.Actors.Iis;
using Coordinator.Iis;
using Coordinator.Protocol.Machines;

namespace Coordinator.Tests.Actors;

/// <summary>
/// An IIS runner whose answers the test scripts per operation (by its app pool or site name) and attempt; unscripted
/// attempts report Changed. It records every attempt and how many ran at once, and an operation can be held open until
/// the test releases it or the gate's time limit cancels it.
/// </summary>
internal sealed class ScriptedIisRunner : IIisOperationRunner
{
    private readonly ConcurrentDictionary<(string Name, int Attempt), IisAttemptResult> _answers = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private int _running;
    private int _mostAtOnce;

    /// <summary>Each attempt's operation name, in the order they started.</summary>
    public ConcurrentQueue<string> Started { get; } = new();

    public ConcurrentQueue<string> Released { get; } = new();

    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    public static string NameOf(IisOperation operation) => operation switch
    {
        EnsureAppPool pool => pool.Name,
        EnsureSite site => site.Name,
        EnsureApplication application => application.Site + application.VirtualPath,
        RemoveSite site => site.Name,
        RemoveUnderPath path => path.PhysicalPath,
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    public ScriptedIisRunner Answer(string name, int attempt, IisAttemptResult result)
    {
        _answers[(name, attempt)] = result;
        return this;
    }

    /// <summary>Every attempt of <paramref name="name"/> waits until <see cref="Release"/>, or until its time limit.</summary>
    public ScriptedIisRunner Hold(string name)
    {
        _held[name] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return this;
    }

    public void Release(string name) => _held[name].TrySetResult();

    public int AttemptsOf(string name) => Started.Count(started => started == name);

    public async Task<IisAttemptResult> RunAsync(string host, MachineSpec spec, IisOperation operation, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var name = NameOf(operation);
        var attempt = _attempts.AddOrUpdate(name, 1, (_, previous) => previous + 1);
        Started.Enqueue(name);
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _mostAtOnce, running);
        try
        {
            // Gives a second operation the chance to start meanwhile, were the gate to let it.
            await Task.Yield();
            if (_held.TryGetValue(name, out var hold))
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            return _answers.TryGetValue((name, attempt), out var answer) ? answer : new IisAttemptResult.Done(IisResult.Changed);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public ValueTask ReleaseAsync(string host)
    {
        Released.Enqueue(host);
        return ValueTask.CompletedTask;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
