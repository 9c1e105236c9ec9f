using System.Diagnostics;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>What the process holds in memory.</summary>
public static class ManagedMemory
{
    /// <summary>Bytes on the managed heap after a full, compacting collection: what is still referenced.</summary>
    public static long Retained()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>The most physical memory the process has used so far (VmHWM).</summary>
    public static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
