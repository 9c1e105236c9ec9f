using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>The machine a benchmark ran on, as the report names it.</summary>
public sealed record MachineDescription(int Processors, long TotalMemoryBytes, string OperatingSystem, string Kernel, string Runtime, string Cpu, bool ServerGc)
{
    public static MachineDescription Read() => new(
        Environment.ProcessorCount,
        TotalMemory(),
        OsRelease() ?? RuntimeInformation.OSDescription,
        KernelRelease() ?? Environment.OSVersion.VersionString,
        RuntimeInformation.FrameworkDescription,
        CpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString(),
        GCSettings.IsServerGC);

    /// <summary>MemTotal from /proc/meminfo, in bytes; 0 when it cannot be read.</summary>
    private static long TotalMemory()
    {
        var line = LinesOf("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        return long.TryParse(kilobytes, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value * 1024 : 0;
    }

    private static string? KernelRelease() => LinesOf("/proc/sys/kernel/osrelease").FirstOrDefault() is { } release ? $"Linux {release.Trim()}" : null;

    private static string? CpuModel() => ValueAfter(LinesOf("/proc/cpuinfo"), "model name", ':');

    private static string? OsRelease() => ValueAfter(LinesOf("/etc/os-release"), "PRETTY_NAME", '=')?.Trim('"');

    private static string? ValueAfter(IEnumerable<string> lines, string key, char separator) => lines
        .Where(l => l.StartsWith(key, StringComparison.Ordinal) && l.Contains(separator))
        .Select(l => l[(l.IndexOf(separator) + 1)..].Trim())
        .FirstOrDefault();

    private static IEnumerable<string> LinesOf(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
