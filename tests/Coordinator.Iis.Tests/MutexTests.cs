using System.Diagnostics;
using Coordinator.Iis.Tests.Support;

namespace Coordinator.Iis.Tests;

/// <summary>An outside process holding the same named mutex makes a script wait; the script never writes without it.</summary>
public sealed class MutexTests : IDisposable
{
    readonly IisLab lab = new();
    readonly string mutexName = $@"Global\coordinator-iis-test-{Guid.NewGuid():N}";

    public void Dispose() => lab.Dispose();

    [Fact]
    public async Task A_script_waits_for_an_outside_holder_and_writes_once_it_releases()
    {
        await using var holder = await MutexHolder.TakeAsync(lab, mutexName);
        await using var script = lab.Start(IisScripts.Render(Samples.Pool(), new IisMutex(mutexName, TimeSpan.FromSeconds(60))));
        script.CloseInput();

        await script.WaitForLineAsync("iis-mutex=waiting");
        var whileWaiting = lab.Configuration().PoolNames;
        var stillWaiting = !script.HasExited;
        var released = await holder.ReleaseAsync();
        var result = await script.WaitForExitAsync();

        Assert.Empty(whileWaiting);
        Assert.True(stillWaiting);
        Assert.Equal(0, released.ExitCode);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(IisResult.Changed, IisResultLine.Parse(result.Stdout));
        Assert.Equal(["Shop"], lab.Configuration().PoolNames);
    }

    [Fact]
    public async Task A_holder_that_never_releases_makes_the_script_fail_after_its_timeout_without_writing()
    {
        var timeout = TimeSpan.FromSeconds(2);
        await using var holder = await MutexHolder.TakeAsync(lab, mutexName);
        var clock = Stopwatch.StartNew();

        var result = await lab.RunAsync(IisScripts.Render(Samples.Pool(), new IisMutex(mutexName, timeout)));

        clock.Stop();
        var failure = IisFailureClassifier.Classify(result.ExitCode, result.Stdout, result.Stderr);
        Assert.Equal(IisFailureMarker.MutexTimeoutExitCode, result.ExitCode);
        Assert.True(clock.Elapsed >= timeout, $"failed after {clock.Elapsed}");
        Assert.Equal((IisFailureKind.Transient, IisFailureSource.Mutex), (failure?.Kind, failure?.Source));
        Assert.Contains($"Timed out after 2 s waiting for the IIS mutex '{mutexName}'", failure!.Reason, StringComparison.Ordinal);
        Assert.Null(IisResultLine.Parse(result.Stdout));
        Assert.Empty(lab.Configuration().PoolNames);
    }

    [Fact]
    public async Task A_converged_host_needs_no_mutex_even_while_another_process_holds_it()
    {
        var mutex = new IisMutex(mutexName, TimeSpan.FromSeconds(60));
        var created = await lab.RunAsync(IisScripts.Render(Samples.Pool(), mutex));
        Assert.Equal(0, created.ExitCode);
        await using var holder = await MutexHolder.TakeAsync(lab, mutexName);

        var result = await lab.RunAsync(IisScripts.Render(Samples.Pool(), mutex));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(IisResult.Unchanged, IisResultLine.Parse(result.Stdout));
        Assert.DoesNotContain("iis-mutex", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mutex_left_behind_by_a_killed_holder_does_not_block_the_next_script()
    {
        var holder = await MutexHolder.TakeAsync(lab, mutexName);
        await holder.DisposeAsync();

        var result = await lab.RunAsync(IisScripts.Render(Samples.Pool(), new IisMutex(mutexName, TimeSpan.FromSeconds(30))));

        // Windows reports the mutex as abandoned (the script then says iis-mutex=abandoned); .NET on Linux, where the
        // lab runs, hands it over silently. Either way the script takes it and writes.
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("iis-mutex=waiting", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["Shop"], lab.Configuration().PoolNames);
    }
}
