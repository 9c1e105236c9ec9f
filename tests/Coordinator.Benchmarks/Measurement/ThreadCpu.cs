using System.Globalization;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>
/// CPU time of the calling thread alone: what a piece of synchronous work cost, without the JIT's and the GC's
/// background threads that the process's total also counts. Read from /proc, to the kernel's 10 ms tick.
/// </summary>
public static class ThreadCpu
{
    /// <summary>Linux reports thread times in USER_HZ ticks, 100 per second on every architecture .NET runs on.</summary>
    private const int TicksPerSecond = 100;

    public static TimeSpan Used()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        // The command name in parentheses may hold spaces; the fields after it are fixed: state is the 3rd, utime the 14th, stime the 15th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((double)ticks / TicksPerSecond);
    }
}
