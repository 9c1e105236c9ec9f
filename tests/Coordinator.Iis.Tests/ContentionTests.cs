using Coordinator.Iis.Tests.Support;

namespace Coordinator.Iis.Tests;

/// <summary>
/// The appcmd double commits slowly (<see cref="IisLab.CommitDelayVariable"/>) and fails loudly when two writers
/// overlap, as IIS does. Writers that take turns all land; the same writes at once, without the mutex, collide.
/// </summary>
public sealed class ContentionTests : IDisposable
{
    const int Writes = 20;
    const int CommitDelayMs = 300;

    readonly IisLab lab = new();
    readonly IisMutex mutex = new($@"Global\coordinator-iis-test-{Guid.NewGuid():N}", TimeSpan.FromMinutes(2));

    public void Dispose() => lab.Dispose();

    static IEnumerable<string> PoolNames => Enumerable.Range(1, Writes).Select(i => $"Pool {i:00}");

    [Fact]
    public async Task Twenty_ensures_one_after_another_all_land()
    {
        foreach (var name in PoolNames)
        {
            var result = await lab.RunAsync(IisScripts.Render(Samples.Pool(name), mutex), CommitDelayMs);
            Assert.True(result.ExitCode == 0, $"{name}: {result}");
        }

        Assert.Equal(PoolNames, lab.Configuration().PoolNames);
    }

    [Fact]
    public async Task Twenty_ensures_at_once_all_land_because_each_takes_the_mutex_for_its_write()
    {
        var results = await Task.WhenAll(PoolNames.Select(name => lab.RunAsync(IisScripts.Render(Samples.Pool(name), mutex), CommitDelayMs)));

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.ToString()));
        Assert.Equal(PoolNames, lab.Configuration().PoolNames);
    }

    [Fact]
    public async Task The_same_twenty_scripts_with_the_lock_cut_out_collide()
    {
        // Proves the test above can fail: the same scripts, minus the mutex, lose most of their writes to contention.
        static string WithoutLock(string script) =>
            script.Replace("(Enter-IisMutex $mutex)", "$true", StringComparison.Ordinal).Replace("$mutex.ReleaseMutex()", "", StringComparison.Ordinal);

        var results = await Task.WhenAll(PoolNames.Select(name => lab.RunAsync(WithoutLock(IisScripts.Render(Samples.Pool(name), mutex)), CommitDelayMs)));

        var failures = results.Select(r => IisFailureClassifier.Classify(r.ExitCode, r.Stdout, r.Stderr)).OfType<IisFailure>().ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, failure => Assert.Equal((IisFailureKind.Transient, IisFailureSource.Appcmd), (failure.Kind, failure.Source)));
        Assert.True(lab.Configuration().PoolNames.Count < Writes);
    }

    [Fact]
    public async Task The_same_twenty_writes_at_once_straight_through_appcmd_collide_and_are_classified_transient()
    {
        var results = await Task.WhenAll(PoolNames.Select(name =>
            lab.AppcmdAsync(["add", "apppool", $"/name:{name}", "/managedRuntimeVersion:v4.0", "/managedPipelineMode:Integrated"], CommitDelayMs)));

        var failures = results.Select(r => IisFailureClassifier.Classify(r.ExitCode, r.Stdout, r.Stderr)).OfType<IisFailure>().ToList();
        var landed = lab.Configuration().PoolNames;
        Assert.NotEmpty(failures);
        Assert.All(failures, failure => Assert.True(failure.IsTransient, failure.Reason));
        Assert.Contains(failures, failure => failure.Reason.Contains("80070020", StringComparison.Ordinal));
        Assert.Equal(results.Count(r => r.ExitCode == 0), landed.Count);
        Assert.True(landed.Count < Writes, $"{landed.Count} of {Writes} landed");
    }
}
