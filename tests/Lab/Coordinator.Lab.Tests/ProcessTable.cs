namespace Coordinator.Lab.Tests;

/// <summary>The machine's processes as /proc shows them, to check what a lab leaves behind.</summary>
internal static class ProcessTable
{
    /// <summary>
    /// The processes in the namespace named like <c>pid:[4026532179]</c> or <c>mnt:[4026532177]</c>. The kernel
    /// reuses a dead namespace's number, so a process is named by its pid and start time, which it does not.
    /// </summary>
    public static IReadOnlyList<(int Pid, string StartTime)> InNamespace(string ns)
    {
        var kind = ns[..ns.IndexOf(':')];
        return Pids()
            .Where(pid => LinkTarget($"/proc/{pid}/ns/{kind}") == ns && !IsZombie(pid))
            .Select(pid => (pid, StartTimeOf(pid)))
            .ToList();
    }

    public static bool IsRunning((int Pid, string StartTime) process) =>
        !IsZombie(process.Pid) && StartTimeOf(process.Pid) == process.StartTime;

    /// <summary>Processes with <paramref name="text"/> in their command line.</summary>
    public static IReadOnlyList<int> Mentioning(string text) =>
        Pids().Where(pid => !IsZombie(pid) && ReadOrEmpty($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains(text)).ToList();

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(name => int.Parse(name!));

    private static string StartTimeOf(int pid)
    {
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(") ", StringComparison.Ordinal) + 2)..].Split(' ');
        return fields.Length > 19 ? fields[19] : "";
    }

    private static bool IsZombie(int pid)
    {
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        var afterName = stat.LastIndexOf(") ", StringComparison.Ordinal);
        return afterName < 0 || stat[afterName + 2] is 'Z' or 'X';
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
