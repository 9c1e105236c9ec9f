namespace Coordinator.Iis.Tests.Support;

/// <summary>
/// Another process on the "host" (a powershell script, like an existing deployment script) that takes the named
/// mutex, says so on stdout, and holds it until a line arrives on its stdin — or until it is killed.
/// </summary>
public sealed class MutexHolder : IAsyncDisposable
{
    public const string Acquired = "holder acquired";
    public const string Released = "holder released";

    readonly RunningProcess process;

    MutexHolder(RunningProcess process) => this.process = process;

    public static async Task<MutexHolder> TakeAsync(IisLab lab, string mutexName)
    {
        var script = $$"""
            $mutex = [System.Threading.Mutex]::new($false, '{{mutexName.Replace("'", "''", StringComparison.Ordinal)}}')
            if (-not $mutex.WaitOne(30000)) { exit 2 }
            [Console]::Out.WriteLine('{{Acquired}}')
            [void][Console]::In.ReadLine()
            $mutex.ReleaseMutex()
            [Console]::Out.WriteLine('{{Released}}')
            """;
        var holder = new MutexHolder(lab.Start(script));
        await holder.process.WaitForLineAsync(Acquired);
        return holder;
    }

    public async Task<RunResult> ReleaseAsync()
    {
        await process.WriteLineAsync("release");
        return await process.WaitForExitAsync();
    }

    /// <summary>Ends the holder without releasing the mutex (a crashed deployment script).</summary>
    public ValueTask DisposeAsync() => process.DisposeAsync();
}
