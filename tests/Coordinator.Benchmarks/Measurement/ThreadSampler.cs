using System.Diagnostics;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>
/// Samples the process's thread count while a run is in flight, to show that hosts cost no threads: a design with
/// a thread (or a blocked call) per host would grow the count with the fleet.
/// </summary>
public sealed class ThreadSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private int _peakThreads;
    private int _peakPoolThreads;
    private long _peakQueued;

    private ThreadSampler()
    {
        Sample();
        _sampling = SampleUntilStoppedAsync();
    }

    /// <summary>The most OS threads the process had at once, the most thread-pool threads among them, and the longest pool queue.</summary>
    public ThreadPeaks Peaks => new(Volatile.Read(ref _peakThreads), Volatile.Read(ref _peakPoolThreads), Volatile.Read(ref _peakQueued));

    public static ThreadSampler Start() => new();

    public static int CurrentThreads()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        Sample();
        _stop.Dispose();
    }

    private async Task SampleUntilStoppedAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the run is over.
        }
    }

    private void Sample()
    {
        var threads = CurrentThreads();
        var pool = ThreadPool.ThreadCount;
        Volatile.Write(ref _peakThreads, Math.Max(Volatile.Read(ref _peakThreads), threads));
        Volatile.Write(ref _peakPoolThreads, Math.Max(Volatile.Read(ref _peakPoolThreads), pool));
        Volatile.Write(ref _peakQueued, Math.Max(Volatile.Read(ref _peakQueued), ThreadPool.PendingWorkItemCount));
    }
}

/// <param name="QueuedWorkItems">The most work items seen waiting for a thread-pool thread: work that was ready but had no core.</param>
public sealed record ThreadPeaks(int Threads, int PoolThreads, long QueuedWorkItems);
