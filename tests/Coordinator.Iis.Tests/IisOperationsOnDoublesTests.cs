using Coordinator.Iis.Tests.Support;

namespace Coordinator.Iis.Tests;

/// <summary>
/// The scripts run by the lab's powershell (<c>-EncodedCommand</c>) against the appcmd double on a temp drive C:, and
/// applicationHost.config is read back from the file afterwards.
/// </summary>
public sealed class IisOperationsOnDoublesTests : IDisposable
{
    readonly IisLab lab = new();
    readonly IisMutex mutex = new($@"Global\coordinator-iis-test-{Guid.NewGuid():N}", TimeSpan.FromSeconds(30));

    public void Dispose() => lab.Dispose();

    async Task<RunResult> Succeeds(IisOperation operation, IisResult expected)
    {
        var result = await lab.RunAsync(IisScripts.Render(operation, mutex));

        Assert.True(result.ExitCode == 0, $"{operation.Description}\n{result}");
        Assert.Null(IisFailureClassifier.Classify(result.ExitCode, result.Stdout, result.Stderr));
        Assert.Equal(expected, IisResultLine.Parse(result.Stdout));
        return result;
    }

    [Fact]
    public async Task Ensuring_an_app_pool_creates_it_and_a_second_run_changes_nothing()
    {
        var pool = new EnsureAppPool(Samples.NastyName, EnsureAppPool.NoManagedCode, ManagedPipelineMode.Classic, AppPoolIdentity.LocalSystem);

        await Succeeds(pool, IisResult.Changed);
        var first = lab.ConfigBytes();
        var second = await Succeeds(pool, IisResult.Unchanged);

        Assert.Equal(("", "Classic", "LocalSystem"), lab.Configuration().Pool(Samples.NastyName));
        Assert.Equal(first, lab.ConfigBytes());
        Assert.DoesNotContain("iis-mutex", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensuring_an_app_pool_changes_only_what_differs()
    {
        await Succeeds(Samples.Pool(), IisResult.Changed);

        var result = await Succeeds(Samples.Pool() with { Identity = AppPoolIdentity.NetworkService }, IisResult.Changed);

        Assert.Equal(("v4.0", "Integrated", "NetworkService"), lab.Configuration().Pool("Shop"));
        Assert.Contains("APPPOOL object \"Shop\" changed", result.Stdout, StringComparison.Ordinal);
        await Succeeds(Samples.Pool() with { Identity = AppPoolIdentity.NetworkService }, IisResult.Unchanged);
    }

    [Fact]
    public async Task An_app_pool_written_without_an_identity_counts_as_application_pool_identity()
    {
        var added = await lab.AppcmdAsync(["add", "apppool", "/name:Shop"]);
        Assert.Equal(0, added.ExitCode);
        var before = lab.ConfigBytes();

        await Succeeds(Samples.Pool(), IisResult.Unchanged);

        Assert.Equal(before, lab.ConfigBytes());
    }

    [Fact]
    public async Task Ensuring_a_site_creates_it_with_its_bindings_path_and_pool_and_a_second_run_changes_nothing()
    {
        var site = Samples.Site(Samples.NastyName, Samples.NastyPath, Samples.NastyName);
        await Succeeds(Samples.Pool(Samples.NastyName), IisResult.Changed);

        await Succeeds(site, IisResult.Changed);
        var first = lab.ConfigBytes();
        await Succeeds(site, IisResult.Unchanged);

        var configuration = lab.Configuration();
        Assert.Equal([Samples.NastyName], configuration.SiteNames);
        Assert.Equal(["http/*:80:shop.example.com", "https/*:443:"], configuration.Bindings(Samples.NastyName));
        Assert.Equal((Samples.NastyName, Samples.NastyPath), configuration.Application(Samples.NastyName, "/"));
        Assert.Equal(first, lab.ConfigBytes());
    }

    [Fact]
    public async Task A_site_with_other_bindings_path_or_pool_is_brought_back_and_binding_order_does_not_matter()
    {
        await Succeeds(Samples.Site(), IisResult.Changed);
        var reordered = Samples.Site() with { Bindings = [.. Samples.Site().Bindings.Reverse()] };
        await Succeeds(reordered, IisResult.Unchanged);

        await Succeeds(Samples.Site(physicalPath: @"C:\inetpub\shop-v2", pool: "Shop v2") with { Bindings = [new IisBinding("http", "127.0.0.1", 8080)] }, IisResult.Changed);

        var configuration = lab.Configuration();
        Assert.Equal(["http/127.0.0.1:8080:"], configuration.Bindings("Shop"));
        Assert.Equal(("Shop v2", @"C:\inetpub\shop-v2"), configuration.Application("Shop", "/"));
    }

    [Fact]
    public async Task Ensuring_an_application_needs_its_site_then_creates_it_and_a_second_run_changes_nothing()
    {
        var application = Samples.Application(path: "/it's api", physicalPath: @"C:\inetpub\it's api");

        var missing = await lab.RunAsync(IisScripts.Render(application, mutex));
        await Succeeds(Samples.Site(), IisResult.Changed);
        await Succeeds(application, IisResult.Changed);
        var first = lab.ConfigBytes();
        await Succeeds(application, IisResult.Unchanged);

        var failure = IisFailureClassifier.Classify(missing.ExitCode, missing.Stdout, missing.Stderr);
        Assert.Equal((IisFailureKind.Permanent, IisFailureSource.Check), (failure?.Kind, failure?.Source));
        Assert.Contains("The site 'Shop' does not exist", failure!.Reason, StringComparison.Ordinal);
        Assert.Equal(("Shop", @"C:\inetpub\it's api"), lab.Configuration().Application("Shop", "/it's api"));
        Assert.Equal(first, lab.ConfigBytes());
    }

    [Fact]
    public async Task Removing_a_site_removes_it_with_its_applications_once()
    {
        await Succeeds(Samples.Site(), IisResult.Changed);
        await Succeeds(Samples.Site("Blog", @"C:\inetpub\blog", "Blog") with { Bindings = [new IisBinding("http", "*", 81)] }, IisResult.Changed);
        await Succeeds(Samples.Application(), IisResult.Changed);

        await Succeeds(new RemoveSite("Shop"), IisResult.Changed);
        await Succeeds(new RemoveSite("Shop"), IisResult.Unchanged);

        Assert.Equal(["Blog"], lab.Configuration().SiteNames);
        Assert.Equal(["Blog/"], lab.Configuration().ApplicationNames);
    }

    [Fact]
    public async Task Removing_under_a_path_removes_exactly_the_sites_applications_and_pools_under_it()
    {
        // Under C:\deploy\shop: the site Shop (and so its application /outside), the application Blog/shop-widgets,
        // the pools only they use. Not under it: C:\deploy\shopping (a prefix, not a parent), Blog itself, the pool
        // Shared that Blog still uses, and the pool Idle that nothing uses.
        foreach (var pool in new[] { "Shop", "Shop outside", "Widgets", "Shared", "Shopping", "Idle" })
            await Succeeds(Samples.Pool(pool), IisResult.Changed);
        await Succeeds(Samples.Site("Shop", @"C:\deploy\shop", "Shop"), IisResult.Changed);
        await Succeeds(Samples.Application("Shop", "/outside", @"C:\elsewhere", "Shop outside"), IisResult.Changed);
        await Succeeds(Samples.Site("Blog", @"C:\deploy\blog", "Shared") with { Bindings = [new IisBinding("http", "*", 81)] }, IisResult.Changed);
        await Succeeds(Samples.Application("Blog", "/shop-widgets", @"C:\Deploy\Shop\widgets\", "Widgets"), IisResult.Changed);
        await Succeeds(Samples.Application("Blog", "/shared", @"C:\deploy\shop\shared", "Shared"), IisResult.Changed);
        await Succeeds(Samples.Site("Shopping", @"C:\deploy\shopping", "Shopping") with { Bindings = [new IisBinding("http", "*", 82)] }, IisResult.Changed);

        var removed = await Succeeds(new RemoveUnderPath(@"C:\deploy\shop\"), IisResult.Changed);
        var configuration = lab.Configuration();
        var after = lab.ConfigBytes();
        await Succeeds(new RemoveUnderPath(@"C:\deploy\shop"), IisResult.Unchanged);

        Assert.Equal(["Blog", "Shopping"], configuration.SiteNames);
        Assert.Equal(["Blog/", "Shopping/"], configuration.ApplicationNames);
        Assert.Equal(["Idle", "Shared", "Shopping"], configuration.PoolNames);
        Assert.Contains("SITE object \"Shop\" deleted", removed.Stdout, StringComparison.Ordinal);
        Assert.Equal(after, lab.ConfigBytes());
    }
}
