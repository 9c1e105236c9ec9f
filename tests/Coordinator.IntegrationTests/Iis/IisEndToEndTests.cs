using System.Text.Json;
using Coordinator.IntegrationTests.Bootstrap;
using Coordinator.IntegrationTests.Harness;
using Coordinator.Lab;

namespace Coordinator.IntegrationTests.Iis;

/// <summary>
/// IIS through the real host process and the real coord: the inventory's baseline as bootstrap's last step, then
/// <c>coord iis apply|remove-sites|queue</c> against windows-flavoured lab hosts (real sshd, the powershell and appcmd
/// doubles), with applicationHost.config read back from each host's drive C:. The tests share one bootstrap (see
/// <see cref="IisLab"/>) and are written so that any order works: the apply test never touches what the baseline
/// ensures, and the refusals change nothing.
/// </summary>
[Collection(IisLabCollection.Name)]
public sealed class IisEndToEndTests(IisLab fixture)
{
    private const string ApplyOrigin = "coord iis apply ops.yaml";

    private static readonly string[] BaselineOperations = ["Ensure app pool 'Shop'", "Ensure site 'Shop'"];

    private static readonly string[] ApplyOperations =
    [
        "Ensure app pool 'Blog'",
        "Ensure site 'Blog'",
        "Ensure application 'Shop/api'",
        "Remove site 'Default Web Site'",
    ];

    [Fact]
    public async Task Bootstrap_applies_the_baseline_through_each_hosts_gate_as_its_last_step_and_a_second_bootstrap_changes_no_byte()
    {
        var runId = AssertFirstBootstrapSucceeded();

        var steps = FinishedSteps(runId);
        foreach (var host in fixture.Windows)
        {
            // The last step the host finished, not merely one of them: the baseline must come after the Tentacle is in place.
            Assert.Equal("IisBaseline", steps[host.Name][^1].Step);
            Assert.Matches(@"^2 IIS operations through the gate, 2 changed, 0 already in place: #\d+ Ensure app pool 'Shop' changed; #\d+ Ensure site 'Shop' changed$", steps[host.Name][^1].Detail);
            Assert.Equal(BaselineOperations.Select(o => (o, "Changed")), GateFinished(host.Name, $"bootstrap run {runId}"));
            var config = IisLab.Config(host);
            Assert.Equal(("v4.0", "Integrated"), (config.Pool("Shop").Runtime, config.Pool("Shop").Pipeline));
            Assert.Contains(config.Pool("Shop").Identity, new string?[] { null, "ApplicationPoolIdentity" });
            Assert.Equal(["http/*:80:shop.example.com"], config.Bindings("Shop"));
            Assert.Equal(("Shop", @"C:\inetpub\shop"), config.Application("Shop", "/"));
        }

        Assert.Equal(("IisBaseline", "no IIS baseline in the inventory"), steps[fixture.Linux.Name][^1]);
        Assert.Empty(GateFinished(fixture.Linux.Name, $"bootstrap run {runId}"));

        var before = fixture.Windows.ToDictionary(h => h.Name, IisLab.ConfigBytes);
        var again = await fixture.CoordAsync(IisLab.RunLimit, "bootstrap", "-i", fixture.InventoryPath, "--environment", BootstrapLab.Environment, "--follow", "--json");

        Assert.True(again.ExitCode == 0, again + fixture.Host.Output);
        var secondRunId = JsonDocument.Parse(again.StandardOutput).RootElement.GetProperty("runId").GetString()!;
        var secondSteps = FinishedSteps(secondRunId);
        Assert.Equal(fixture.Windows.Select(h => h.Name).Order(), secondSteps.Keys.Order());
        foreach (var host in fixture.Windows)
        {
            Assert.Equal("IisBaseline", secondSteps[host.Name][^1].Step);
            Assert.Matches(@"^2 IIS operations through the gate, 0 changed, 2 already in place: #\d+ Ensure app pool 'Shop' already in place; #\d+ Ensure site 'Shop' already in place$", secondSteps[host.Name][^1].Detail);
            Assert.Equal(BaselineOperations.Select(o => (o, "Unchanged")), GateFinished(host.Name, $"bootstrap run {secondRunId}"));
            Assert.True(before[host.Name].AsSpan().SequenceEqual(IisLab.ConfigBytes(host)), $"{host.Name}: the converged baseline rewrote applicationHost.config");
        }
    }

    [Fact]
    public async Task Apply_on_an_environment_changes_both_hosts_one_operation_at_a_time_and_remove_sites_clears_one_host_only()
    {
        AssertFirstBootstrapSucceeded();
        var (first, second) = (fixture.Windows[0], fixture.Windows[1]);
        var ops = fixture.WriteFile("ops.yaml", """
            operations:
              - ensure-app-pool: { name: Blog, runtime: none, pipeline: classic, identity: NetworkService }
              - ensure-site: { name: Blog, path: 'C:\inetpub\blog', app-pool: Blog, bindings: ['http/*:8080:', 'http/*:80:blog.example.com'] }
              - ensure-application: { site: Shop, path: /api, physical-path: 'C:\inetpub\shop-api', app-pool: Shop }
              - remove-site: { name: Default Web Site }
            """);

        var apply = await fixture.CoordAsync(IisLab.RunLimit, "iis", "apply", "--environment", BootstrapLab.Environment, "-f", ops, "--follow");

        Assert.True(apply.ExitCode == 0, apply + fixture.Host.Output);
        var lines = apply.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        foreach (var host in fixture.Windows)
        {
            foreach (var operation in ApplyOperations)
            {
                Assert.Single(lines, l => l.StartsWith($"{host.Name} #", StringComparison.Ordinal) && l.Contains($" {operation}: changed in ", StringComparison.Ordinal));
            }

            // coord asks the gates right after queueing; the last of four writes cannot have run yet.
            Assert.Contains(lines, l => l.StartsWith($"{host.Name} #", StringComparison.Ordinal) && l.Contains($" {ApplyOperations[^1]}: queued at position ", StringComparison.Ordinal));

            var config = IisLab.Config(host);
            Assert.Equal(("", "Classic", "NetworkService"), config.Pool("Blog"));
            Assert.Equal(["http/*:8080:", "http/*:80:blog.example.com"], config.Bindings("Blog").Order(StringComparer.Ordinal));
            Assert.Equal(("Blog", @"C:\inetpub\blog"), config.Application("Blog", "/"));
            Assert.Equal(("Shop", @"C:\inetpub\shop-api"), config.Application("Shop", "/api"));
            Assert.Equal(["Blog", "Shop"], config.SiteNames);
        }

        Assert.Contains(lines, l => l.Contains(": running after waiting ", StringComparison.Ordinal));

        var queue = await fixture.CoordAsync("iis", "queue", "--host", first.Name, "--json");

        Assert.True(queue.ExitCode == 0, queue.ToString());
        var gate = JsonDocument.Parse(queue.StandardOutput).RootElement.EnumerateArray().Single();
        Assert.Equal(first.Name, gate.GetProperty("host").GetString());
        Assert.Empty(gate.GetProperty("pending").EnumerateArray());
        var finished = gate.GetProperty("finished").EnumerateArray()
            .Where(o => o.GetProperty("origin").GetString() == ApplyOrigin)
            .OrderBy(o => o.GetProperty("number").GetInt64())
            .ToList();
        Assert.Equal(ApplyOperations, finished.Select(o => o.GetProperty("operation").GetString()));
        Assert.All(finished, o => Assert.Equal(("changed", 1), (o.GetProperty("state").GetString(), o.GetProperty("attempts").GetInt32())));
        Assert.All(finished, o => Assert.True(o.GetProperty("durationMs").GetInt64() > 0, o.ToString()));
        for (var i = 1; i < finished.Count; i++)
        {
            // Queued together, run one at a time: each waited at least as long as the one before it waited and ran.
            var (waitedBefore, ranBefore) = (finished[i - 1].GetProperty("waitedMs").GetInt64(), finished[i - 1].GetProperty("durationMs").GetInt64());
            Assert.True(finished[i].GetProperty("waitedMs").GetInt64() >= waitedBefore + ranBefore - 2, string.Join('\n', finished));
        }

        var events = GateEvents();
        foreach (var host in fixture.Windows)
        {
            var queued = events.Where(e => e.Kind == "queued" && e.Host == host.Name && e.Origin == ApplyOrigin).OrderBy(e => e.Number).ToList();
            Assert.Equal(ApplyOperations, queued.Select(e => e.Operation));
            Assert.Equal([1L, 2L, 3L, 4L], queued.Select(e => e.Event.GetProperty("QueuePosition").GetInt64()));
            foreach (var one in queued)
            {
                var started = Assert.Single(events, e => e.Kind == "started" && e.Host == host.Name && e.Number == one.Number);
                var ended = Assert.Single(events, e => e.Kind == "finished" && e.Host == host.Name && e.Number == one.Number);
                Assert.Equal(one.Operation, started.Operation);
                Assert.Equal(one.Operation, ended.Operation);
                Assert.Equal("Changed", ended.Event.GetProperty("Outcome").GetString());
                Assert.True(ended.Event.GetProperty("DurationMs").GetInt64() > 0, ended.Event.ToString());
                Assert.Equal(started.Event.GetProperty("WaitedMs").GetInt64(), ended.Event.GetProperty("WaitedMs").GetInt64());
                if (host == first)
                {
                    // What coord iis queue shows is what the log recorded.
                    var shown = finished.Single(o => o.GetProperty("number").GetInt64() == one.Number);
                    Assert.Equal(
                        (ended.Event.GetProperty("WaitedMs").GetInt64(), ended.Event.GetProperty("DurationMs").GetInt64()),
                        (shown.GetProperty("waitedMs").GetInt64(), shown.GetProperty("durationMs").GetInt64()));
                }
            }
        }

        var secondBefore = IisLab.ConfigBytes(second);
        var remove = await fixture.CoordAsync(IisLab.RunLimit, "iis", "remove-sites", "--host", first.Name, "--path", @"C:\inetpub\blog", "--follow");

        Assert.True(remove.ExitCode == 0, remove + fixture.Host.Output);
        Assert.Contains(@" Remove the sites, applications and app pools under C:\inetpub\blog: changed in ", remove.StandardOutput);
        var cleared = IisLab.Config(first);
        Assert.Equal(["Shop"], cleared.SiteNames);
        // DefaultAppPool lost its site to ops.yaml but was not under the path: a pool nothing uses stays.
        Assert.Equal(["DefaultAppPool", "Shop"], cleared.PoolNames);
        Assert.Equal(("Shop", @"C:\inetpub\shop-api"), cleared.Application("Shop", "/api"));
        Assert.True(secondBefore.AsSpan().SequenceEqual(IisLab.ConfigBytes(second)), $"remove-sites --host {first.Name} changed {second.Name}");
        Assert.Contains("Blog", IisLab.Config(second).SiteNames);

        await AssertNoSecretLeakedAsync();
    }

    [Fact]
    public async Task Bad_operations_files_linux_hosts_and_hosts_never_bootstrapped_are_refused_and_nothing_is_queued()
    {
        AssertFirstBootstrapSucceeded();
        var before = await QueuedOrFinishedAsync();
        var unknownKey = fixture.WriteFile("unknown-key.yaml", "operations:\n  - ensure-app-pool: { name: Good }\n  - remove-ste: { name: Legacy }\n");
        var badName = fixture.WriteFile("bad-name.yaml", "operations:\n  - ensure-app-pool: { name: Good }\n  - ensure-app-pool: { name: 'Shop/Api' }\n");

        foreach (var (file, problem) in new[] { (unknownKey, "did you mean 'remove-site'?"), (badName, "must not contain '/'") })
        {
            var run = await fixture.CoordAsync("iis", "apply", "--environment", BootstrapLab.Environment, "-f", file, "--follow");

            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains($"{file}:3:5: ", run.StandardError);
            Assert.Contains(problem, run.StandardError);
            Assert.Contains("nothing was queued", run.StandardError);
        }

        var driveRoot = await fixture.CoordAsync("iis", "remove-sites", "--environment", BootstrapLab.Environment, "--path", @"C:\", "--follow");

        Assert.True(driveRoot.ExitCode == 2, driveRoot.ToString());
        Assert.Contains("--path", driveRoot.StandardError);
        // Each bad file starts with a good operation: a file is all or nothing, so not even that one may be queued.
        Assert.Equal(before, await QueuedOrFinishedAsync());

        var onePool = fixture.WriteFile("one-pool.yaml", "operations:\n  - ensure-app-pool: { name: Refused }\n");
        var linux = fixture.Linux.Name;

        var onLinux = await fixture.CoordAsync("iis", "apply", "--host", linux, "-f", onePool, "--follow");

        Assert.True(onLinux.ExitCode == 1, onLinux.ToString());
        Assert.Contains($"coord: {linux}: refused: {linux} is a Linux host; IIS operations need a Windows host", onLinux.StandardError);

        const string Stranger = "iis-never-bootstrapped";
        var onStranger = await fixture.CoordAsync("iis", "apply", "--host", Stranger, "-f", onePool, "--follow");

        Assert.True(onStranger.ExitCode == 1, onStranger.ToString());
        Assert.Contains($"coord: {Stranger}: refused: {Stranger} has not been bootstrapped by this coordinator", onStranger.StandardError);
        Assert.Contains("run coord bootstrap for it first", onStranger.StandardError);

        var nowhere = await fixture.CoordAsync("iis", "apply", "--environment", "Nowhere", "-f", onePool, "--follow");

        Assert.True(nowhere.ExitCode == 1, nowhere.ToString());
        Assert.Contains("the coordinator knows no host in the environment 'Nowhere'", nowhere.StandardError);
        Assert.Contains("bootstrap its hosts first", nowhere.StandardError);

        Assert.Equal(before, await QueuedOrFinishedAsync());
        var linuxQueue = await fixture.CoordAsync("iis", "queue", "--host", linux, "--json");
        Assert.True(linuxQueue.ExitCode == 0, linuxQueue.ToString());
        var linuxGate = JsonDocument.Parse(linuxQueue.StandardOutput).RootElement.EnumerateArray().Single();
        Assert.Empty(linuxGate.GetProperty("pending").EnumerateArray());
        Assert.Empty(linuxGate.GetProperty("finished").EnumerateArray());
        Assert.DoesNotContain(GateEvents(), e => e.Operation == "Ensure app pool 'Refused'" || e.Operation == "Ensure app pool 'Good'");
        Assert.All(fixture.Windows, h => Assert.DoesNotContain("Good", IisLab.Config(h).PoolNames));

        await AssertNoSecretLeakedAsync();
    }

    private string AssertFirstBootstrapSucceeded()
    {
        var run = fixture.FirstBootstrap;
        Assert.True(run.ExitCode == 0, run + fixture.Host.Output);
        var report = JsonDocument.Parse(run.StandardOutput).RootElement;
        var outcomes = report.GetProperty("hosts").EnumerateArray()
            .ToDictionary(h => h.GetProperty("host").GetString()!, h => h.GetProperty("outcome").GetString());
        Assert.All(fixture.Hosts, h => Assert.Equal("succeeded", outcomes[h.Name]));
        return report.GetProperty("runId").GetString()!;
    }

    /// <summary>Every operation number each Windows host's gate holds, queued or finished, as coord iis queue --json shows them.</summary>
    private async Task<string> QueuedOrFinishedAsync()
    {
        var gates = new List<string>();
        foreach (var host in fixture.Windows)
        {
            var queue = await fixture.CoordAsync("iis", "queue", "--host", host.Name, "--json");
            Assert.True(queue.ExitCode == 0, queue.ToString());
            var gate = JsonDocument.Parse(queue.StandardOutput).RootElement.EnumerateArray().Single();
            var numbers = gate.GetProperty("pending").EnumerateArray().Concat(gate.GetProperty("finished").EnumerateArray())
                .Select(o => o.GetProperty("number").GetInt64()).Order();
            gates.Add($"{host.Name}: {string.Join(',', numbers)}");
        }

        return string.Join('\n', gates);
    }

    /// <summary>Each host's "Step ... finished" events of a run, in the order they were logged, from the CLEF log.</summary>
    private Dictionary<string, List<(string Step, string Detail)>> FinishedSteps(string runId) =>
        fixture.LogEvents()
            .Where(e => Text(e, "RunId") == runId && Text(e, "Detail") is not null && Text(e, "Step") is not null)
            .OrderBy(e => e.GetProperty("@t").GetDateTimeOffset())
            .GroupBy(e => Text(e, "Host")!)
            .ToDictionary(g => g.Key, g => g.Select(e => (Text(e, "Step")!, Text(e, "Detail")!)).ToList());

    /// <summary>The gate's "finished" events for one origin on one host: (operation, outcome) in operation order.</summary>
    private List<(string Operation, string Outcome)> GateFinished(string host, string origin)
    {
        var events = GateEvents();
        var numbers = events.Where(e => e.Kind == "queued" && e.Host == host && e.Origin == origin).Select(e => e.Number).ToHashSet();
        return [.. events.Where(e => e.Kind == "finished" && e.Host == host && numbers.Contains(e.Number))
            .OrderBy(e => e.Number)
            .Select(e => (e.Operation, e.Event.GetProperty("Outcome").GetString()!))];
    }

    /// <summary>The IIS gates' events, told apart by their message template and read by their properties.</summary>
    private List<(string Kind, string Host, long Number, string Operation, string? Origin, JsonElement Event)> GateEvents() =>
        [.. fixture.LogEvents()
            .Select(e => (Kind: GateEventKind(e), Event: e))
            .Where(e => e.Kind is not null)
            .Select(e => (e.Kind!, Text(e.Event, "Host")!, e.Event.GetProperty("Number").GetInt64(), Text(e.Event, "Operation")!, Text(e.Event, "Origin"), e.Event))];

    private static string? GateEventKind(JsonElement e) => Text(e, "@mt") switch
    {
        { } template when template.StartsWith("IIS operation {Operation} queued on {Host} at position {QueuePosition}", StringComparison.Ordinal) => "queued",
        { } template when template.StartsWith("IIS operation {Operation} started on {Host} after waiting {WaitedMs} ms", StringComparison.Ordinal) => "started",
        { } template when template.StartsWith("IIS operation {Operation} finished on {Host}", StringComparison.Ordinal) => "finished",
        _ => null,
    };

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// The API key and every retained certificate, looked for in the log files, the journal, the host's console, the
    /// Windows hosts' drive C: (where the IIS scripts run) and everything coord printed in this class so far.
    /// </summary>
    private async Task AssertNoSecretLeakedAsync()
    {
        var certificates = await SecretSweep.RetainedCertificatesAsync(fixture.DataDirectory, fixture.Hosts.Select(h => h.Name));
        Assert.Equal(fixture.Hosts.Count(), certificates.Count);
        var places = SecretSweep.FilesUnder(Path.Combine(fixture.DataDirectory, "logs"))
            .Concat(SecretSweep.Files(Directory.GetFiles(fixture.DataDirectory, "coordinator.db*")))
            .Concat(fixture.Windows.SelectMany(h => SecretSweep.FilesUnder(h.PathOnDisk(LabPaths.DriveC))))
            .Append(SecretSweep.Text("host console", fixture.Host.Output))
            .Concat(fixture.Runs.Select(r => SecretSweep.Text("coord " + r.Command, r.Result.StandardOutput + r.Result.StandardError)));
        Assert.Empty(SecretSweep.Leaks(places, fixture.ApiKey, certificates));
    }
}
