using System.Runtime.InteropServices;

namespace Coordinator.Lab;

/// <summary>What the lab needs to know about processes, read from /proc, and signals to send them.</summary>
internal static class ProcFs
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    public static IEnumerable<int> AllProcessIds()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid))
            {
                yield return pid;
            }
        }
    }

    /// <summary>
    /// Running, sleeping or stopped. An exited process that nobody has reaped yet is not alive: in a
    /// container whose init does not reap, orphans stay zombies forever.
    /// </summary>
    public static bool IsAlive(int pid) => State(pid) is { } state && state is not ('Z' or 'X');

    public static bool IsStopped(int pid) => State(pid) is 'T' or 't';

    public static int? ParentOf(int pid) => StatField(pid, 1) is { } text && int.TryParse(text, out var parent) ? parent : null;

    /// <summary>Start time in clock ticks since boot: with the pid, it names one process for good.</summary>
    public static long? StartTimeOf(int pid) => StatField(pid, 19) is { } text && long.TryParse(text, out var ticks) ? ticks : null;

    public static string? CommandOf(int pid) => ReadOrNull($"/proc/{pid}/comm")?.TrimEnd('\n');

    public static IReadOnlyList<string> ArgumentsOf(int pid) =>
        ReadOrNull($"/proc/{pid}/cmdline")?.Split('\0', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>The pid namespace a process is in, as the kernel names it (<c>pid:[4026532179]</c>).</summary>
    public static string? PidNamespaceOf(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/pid").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Sends a signal; false when the process is already gone.</summary>
    public static bool Signal(int pid, int signal) => kill(pid, signal) == 0;

    private static char? State(int pid) => StatField(pid, 0) is [var state] ? state : null;

    /// <summary>A field of /proc/pid/stat after the command name, counting the state as field 0.</summary>
    private static string? StatField(int pid, int index)
    {
        var stat = ReadOrNull($"/proc/{pid}/stat");

        // The command name is in parentheses and may itself contain spaces and parentheses.
        var afterName = stat?.LastIndexOf(") ", StringComparison.Ordinal) ?? -1;
        if (afterName < 0)
        {
            return null;
        }

        var fields = stat![(afterName + 2)..].Split(' ');
        return index < fields.Length ? fields[index] : null;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
