using Coordinator.Bootstrap.Steps;
using Coordinator.HostAccess;
using Coordinator.Iis;
using Coordinator.Lab;

namespace Coordinator.IisGateTests.Support;

/// <summary>
/// Another IIS writer on the host, outside the coordinator (an existing deploy script): a PowerShell process, started
/// over its own SSH connection, that takes the named mutex, says so, and holds it until the test drops a file on the
/// host's drive C: (or its own deadline passes, so it can never outlive a broken test by much).
/// </summary>
public sealed class MutexHolder : IAsyncDisposable
{
    public const string Acquired = "holder acquired";
    public const string Released = "holder released";

    private static readonly TimeSpan HoldAtMost = TimeSpan.FromSeconds(90);

    private readonly LabHost _host;
    private readonly string _releaseFile;
    private readonly SshHostSessions _sessions;

    private MutexHolder(LabHost host, string releaseFile, SshHostSessions sessions, Task<CommandResult> run)
    {
        _host = host;
        _releaseFile = releaseFile;
        _sessions = sessions;
        Run = run;
    }

    /// <summary>Completes when the holder process has ended.</summary>
    public Task<CommandResult> Run { get; }

    public bool IsHolding => !Run.IsCompleted;

    public static async Task<MutexHolder> TakeAsync(LabHost host, IisMutex mutex, LineWatch lines)
    {
        var releaseFile = $@"C:\Windows\Temp\release-{Guid.NewGuid():N}";
        var script = $$"""
            $mutex = [System.Threading.Mutex]::new($false, '{{mutex.Name.Replace("'", "''", StringComparison.Ordinal)}}')
            if (-not $mutex.WaitOne(10000)) { [Console]::Out.WriteLine('holder could not take the mutex'); exit 2 }
            [Console]::Out.WriteLine('{{Acquired}}')
            $deadline = [DateTime]::UtcNow.AddSeconds({{(int)HoldAtMost.TotalSeconds}})
            while (-not (Test-Path '{{releaseFile}}')) {
              if ([DateTime]::UtcNow -gt $deadline) { [Console]::Out.WriteLine('holder gave up waiting to be released'); exit 3 }
              Start-Sleep -Milliseconds 50
            }
            $mutex.ReleaseMutex()
            [Console]::Out.WriteLine('{{Released}}')
            """;
        // Its own connection: the gate's runner closes its host's connection whenever the queue drains.
        var sessions = new SshHostSessions(new InMemoryHostKeyStore(), GateLab.AccessOptions);
        var session = sessions.For(MachineSpecs.EndpointOf(host.Name, GateLab.SpecFor(host, mutex)));
        var holder = new MutexHolder(
            host, releaseFile, sessions, session.RunAsync(HostCommand.PowerShell("hold the IIS mutex", script, HoldAtMost * 2), lines.For(host.Name), CancellationToken.None));
        var acquired = lines.WaitForAsync(host.Name, Acquired, TimeSpan.FromSeconds(60));
        if (await Task.WhenAny(acquired, holder.Run) != acquired)
        {
            var ended = await holder.Run;
            await holder.DisposeAsync();
            throw new InvalidOperationException($"the mutex holder on {host.Name} ended before taking the mutex: {ended}: {ended.Tail()}");
        }

        await acquired;
        return holder;
    }

    public async Task<CommandResult> ReleaseAsync()
    {
        GateLab.Touch(_host, _releaseFile);
        return await Run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (IsHolding)
        {
            try
            {
                await ReleaseAsync();
            }
            catch (Exception)
            {
                // Closing its connection below ends it on the host anyway.
            }
        }

        await _sessions.DisposeAsync();
    }
}
