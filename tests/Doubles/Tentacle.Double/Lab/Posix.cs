using System.Runtime.InteropServices;

namespace Tentacle.Double.Lab;

/// <summary>The few libc calls .NET has no managed API for: sending SIGTERM and leaving the session.</summary>
internal static class Posix
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    public static bool SendSignal(int pid, int signal) => kill(pid, signal) == 0;

    /// <summary>Detaches from the caller's session so closing it (an SSH logout) does not reach us.</summary>
    public static void StartNewSession() => _ = setsid();

    /// <summary>True while the process exists and is not a zombie left for a parent that never reaps it.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            return state is not ('Z' or 'X' or default(char));
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int sig);

    [DllImport("libc", SetLastError = true)]
    static extern int setsid();
}
