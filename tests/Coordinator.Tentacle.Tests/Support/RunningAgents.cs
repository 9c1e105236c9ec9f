using System.Diagnostics;

namespace Coordinator.Tentacle.Tests.Support;

/// <summary>Stops the listeners a test's services started, found by the pid files they left.</summary>
public static class RunningAgents
{
    static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(15);

    public static async Task StopAsync(IEnumerable<string> pidFiles)
    {
        foreach (var pidFile in pidFiles.Where(File.Exists))
        {
            if (!int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid))
                continue;
            Process process;
            try
            {
                process = Process.GetProcessById(pid);
            }
            catch (ArgumentException)
            {
                continue;
            }

            using (process)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(StopLimit);
            }
        }
    }
}
