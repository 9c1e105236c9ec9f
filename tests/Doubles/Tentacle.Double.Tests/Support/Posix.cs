using System.Runtime.InteropServices;

namespace Tentacle.Double.Tests.Support;

internal static class Posix
{
    public const int SigTerm = 15;

    public static void SendSignal(int pid, int signal) => _ = kill(pid, signal);

    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int sig);
}
