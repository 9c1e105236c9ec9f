using System.Diagnostics;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>CPU time this process has used, all threads together: the coordinator's work, whatever else the machine runs.</summary>
public static class ProcessCpu
{
    public static TimeSpan Used()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
