namespace Coordinator.Benchmarks.Measurement;

/// <summary>
/// What the garbage collector did during a run: allocation is the cheapest proxy for work the process did per host,
/// and the pause time is CPU and wall time no actor got.
/// </summary>
public sealed record GcActivity(long AllocatedBytes, TimeSpan Pause, int Gen0, int Gen1, int Gen2)
{
    public static GcActivity Now() => new(
        GC.GetTotalAllocatedBytes(precise: false), GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    public GcActivity Since(GcActivity before) => new(
        AllocatedBytes - before.AllocatedBytes, Pause - before.Pause, Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2);
}
