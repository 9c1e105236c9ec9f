using Lab.Windows;

namespace WindowsDoubles.Tests;

public sealed class AppcmdDoubleTests : IDisposable
{
    private const string SharingViolation =
        "ERROR ( hresult:80070020, message:Failed to commit configuration changes. The process cannot access the file because it is being used by another process. )";
    private const string ChangedOnDisk =
        "ERROR ( hresult:80070020, message:Cannot commit configuration changes because the file has changed on disk )";

    private readonly WindowsMachine _machine = new();

    public void Dispose() => _machine.Dispose();

    private string ConfigFile => _machine.OnDrive(@"C:\Windows\System32\inetsrv\config\applicationHost.config");

    private Task<ProgramOutcome> Appcmd(params string[] arguments) =>
        RunningProgram.RunAsync(WindowsDoublePrograms.Appcmd, arguments, _machine);

    private static Dictionary<string, string> CommitDelay(int milliseconds) => new() { ["APPCMD_COMMIT_DELAY_MS"] = milliseconds.ToString() };

    private async Task Succeeds(params string[] arguments)
    {
        var outcome = await Appcmd(arguments);
        Assert.True(outcome.ExitCode == 0, $"appcmd {string.Join(' ', arguments)} failed: {outcome.Stdout}");
    }

    [Fact]
    public async Task Listing_a_fresh_configuration_finds_nothing()
    {
        var outcome = await Appcmd("list", "site");

        Assert.Equal(("", 1), (outcome.Stdout, outcome.ExitCode));
    }

    [Fact]
    public async Task App_pools_are_added_listed_changed_and_deleted()
    {
        var added = await Appcmd("add", "apppool", "/name:Web", "/managedRuntimeVersion:v4.0", "/managedPipelineMode:Integrated");
        var changed = await Appcmd("set", "apppool", "/apppool.name:Web", "/managedRuntimeVersion:", "/processModel.identityType:LocalSystem");
        var listed = await Appcmd("list", "apppool", "/name:web");
        var configured = await File.ReadAllTextAsync(ConfigFile);
        var deleted = await Appcmd("delete", "apppool", "Web");
        var afterwards = await Appcmd("list", "apppool");

        Assert.Equal("APPPOOL object \"Web\" added\n", added.Stdout);
        Assert.Equal("APPPOOL object \"Web\" changed\n", changed.Stdout);
        Assert.Equal("APPPOOL \"Web\" (MgdVersion:,MgdMode:Integrated,state:Started)\n", listed.Stdout);
        Assert.Equal("APPPOOL object \"Web\" deleted\n", deleted.Stdout);
        Assert.Equal(("", 1), (afterwards.Stdout, afterwards.ExitCode));
        Assert.Contains("<processModel identityType=\"LocalSystem\" />", configured);
    }

    [Fact]
    public async Task Sites_are_added_listed_changed_and_deleted()
    {
        var added = await Appcmd("add", "site", "/name:Shop", "/bindings:http/*:80:shop.local,https/*:443:", @"/physicalPath:C:\inetpub\shop");
        var listed = await Appcmd("list", "site", "/name:Shop");
        var changed = await Appcmd("set", "site", "/site.name:Shop", "/bindings:http/*:8080:");
        var relisted = await Appcmd("list", "site", "Shop");
        var deleted = await Appcmd("delete", "site", "Shop");
        var afterwards = await Appcmd("list", "site", "/name:Shop");

        Assert.Equal("SITE object \"Shop\" added\nAPP object \"Shop/\" added\nVDIR object \"Shop/\" added\n", added.Stdout);
        Assert.Equal("SITE \"Shop\" (id:1,bindings:http/*:80:shop.local,https/*:443:,state:Started)\n", listed.Stdout);
        Assert.Equal("SITE object \"Shop\" changed\n", changed.Stdout);
        Assert.Equal("SITE \"Shop\" (id:1,bindings:http/*:8080:,state:Started)\n", relisted.Stdout);
        Assert.Equal("SITE object \"Shop\" deleted\n", deleted.Stdout);
        Assert.Equal(1, afterwards.ExitCode);
    }

    [Fact]
    public async Task Applications_are_added_found_by_physical_path_changed_and_deleted()
    {
        await Succeeds("add", "apppool", "/name:Api");
        await Succeeds("add", "site", "/name:Shop", "/bindings:http/*:80:", @"/physicalPath:C:\inetpub\shop");

        var added = await Appcmd("add", "app", "/site.name:Shop", "/path:/api", @"/physicalPath:C:\inetpub\api", "/applicationPool:Api");
        var byPath = await Appcmd("list", "app", @"/physicalPath:C:\inetpub\api");
        var changed = await Appcmd("set", "app", "Shop/api", "/applicationPool:DefaultAppPool");
        var all = await Appcmd("list", "app");
        var deleted = await Appcmd("delete", "app", "Shop/api");

        Assert.Equal("APP object \"Shop/api\" added\nVDIR object \"Shop/api/\" added\n", added.Stdout);
        Assert.Equal("APP \"Shop/api\" (applicationPool:Api)\n", byPath.Stdout);
        Assert.Equal("APP object \"Shop/api\" changed\n", changed.Stdout);
        Assert.Equal("APP \"Shop/\" (applicationPool:DefaultAppPool)\nAPP \"Shop/api\" (applicationPool:DefaultAppPool)\n", all.Stdout);
        Assert.Equal("APP object \"Shop/api\" deleted\n", deleted.Stdout);
    }

    [Fact]
    public async Task Adding_a_duplicate_fails_with_800700b7()
    {
        await Succeeds("add", "site", "/name:Shop", "/bindings:http/*:80:");
        await Succeeds("add", "apppool", "/name:Web");

        var site = await Appcmd("add", "site", "/name:Shop", "/bindings:http/*:81:");
        var pool = await Appcmd("add", "apppool", "/name:web");

        Assert.Equal("ERROR ( hresult:800700b7, message:Failed to add duplicate collection entry of type 'site' with unique key attribute 'name' set to 'Shop' )\n", site.Stdout);
        Assert.Equal("ERROR ( hresult:800700b7, message:Failed to add duplicate collection entry of type 'add' with unique key attribute 'name' set to 'web' )\n", pool.Stdout);
        Assert.Equal(0xB7, site.ExitCode);
    }

    [Fact]
    public async Task Changing_or_deleting_a_missing_object_fails()
    {
        var outcome = await Appcmd("delete", "apppool", "Nope");

        Assert.Equal("ERROR ( message:Cannot find APPPOOL object with identifier \"Nope\". )\n", outcome.Stdout);
        Assert.Equal(1168, outcome.WindowsExitCode);
    }

    [Fact]
    public async Task Unknown_attributes_are_rejected()
    {
        await Succeeds("add", "apppool", "/name:Web");

        var outcome = await Appcmd("set", "apppool", "Web", "/managedRuntimeVersoin:v4.0");

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.StartsWith("ERROR ( message:Unknown attribute \"managedRuntimeVersoin\".", outcome.Stdout);
    }

    [Fact]
    public async Task Writes_one_after_the_other_both_land()
    {
        await Succeeds("add", "apppool", "/name:First");
        await Succeeds("add", "apppool", "/name:Second");

        var listed = await Appcmd("list", "apppool", "/text:name");

        Assert.Equal("First\nSecond\n", listed.Stdout);
    }

    [Fact]
    public async Task A_write_while_another_commits_fails_with_a_sharing_violation()
    {
        await Succeeds("add", "apppool", "/name:Seed");
        await using var slow = RunningProgram.Start(WindowsDoublePrograms.Appcmd, ["add", "apppool", "/name:Slow"], _machine, CommitDelay(3000));
        await ConfigLock.WaitUntilHeldAsync(ConfigFile, TimeSpan.FromSeconds(30));

        var overlapping = await RunningProgram.RunAsync(WindowsDoublePrograms.Appcmd, ["add", "apppool", "/name:Fast"], _machine, CommitDelay(0));
        var slowOutcome = await slow.WaitForExitAsync();

        Assert.Equal(SharingViolation + "\n", overlapping.Stdout);
        Assert.Equal(0x20, overlapping.ExitCode);
        Assert.Equal(("APPPOOL object \"Slow\" added\n", 0), (slowOutcome.Stdout, slowOutcome.ExitCode));
        Assert.Equal("Seed\nSlow\n", (await Appcmd("list", "apppool", "/text:name")).Stdout);
    }

    [Fact]
    public async Task A_write_based_on_a_stale_read_fails_because_the_file_changed_on_disk()
    {
        await Succeeds("add", "apppool", "/name:Seed");
        await using var first = RunningProgram.Start(WindowsDoublePrograms.Appcmd, ["add", "apppool", "/name:First"], _machine, CommitDelay(3000));
        await ConfigLock.WaitUntilHeldAsync(ConfigFile, TimeSpan.FromSeconds(30));

        // Reads while the first writer is committing, then commits well after the first one is done.
        var stale = await RunningProgram.RunAsync(WindowsDoublePrograms.Appcmd, ["add", "apppool", "/name:Stale"], _machine, CommitDelay(6000));
        var firstOutcome = await first.WaitForExitAsync();

        Assert.Equal(0, firstOutcome.ExitCode);
        Assert.Equal(ChangedOnDisk + "\n", stale.Stdout);
        Assert.NotEqual(0, stale.ExitCode);
        Assert.Equal("Seed\nFirst\n", (await Appcmd("list", "apppool", "/text:name")).Stdout);
    }

    [Fact]
    public async Task Commit_delay_can_come_from_the_settings_file_beside_the_config()
    {
        await Succeeds("add", "apppool", "/name:Seed");
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(ConfigFile)!, "appcmd.lab.json"), "{\"CommitDelayMs\": 3000}");
        await using var slow = RunningProgram.Start(WindowsDoublePrograms.Appcmd, ["add", "apppool", "/name:Slow"], _machine);
        await ConfigLock.WaitUntilHeldAsync(ConfigFile, TimeSpan.FromSeconds(30));

        var overlapping = await RunningProgram.RunAsync(WindowsDoublePrograms.Appcmd, ["add", "apppool", "/name:Fast"], _machine, CommitDelay(0));

        Assert.Equal(SharingViolation + "\n", overlapping.Stdout);
        Assert.Equal(0, (await slow.WaitForExitAsync()).ExitCode);
    }
}

/// <summary>Watches /proc/locks for the exclusive flock an appcmd commit holds on the config file.</summary>
internal static class ConfigLock
{
    public static async Task WaitUntilHeldAsync(string file, TimeSpan timeout)
    {
        var inode = Inode(file);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var locks = await File.ReadAllLinesAsync("/proc/locks");
            if (locks.Any(l => l.Contains("FLOCK") && l.Contains("WRITE") && l.Contains($":{inode} "))) return;
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
        throw new TimeoutException($"No writer took the lock on {file} within {timeout}.");
    }

    private static string Inode(string file)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%i", file])
        {
            RedirectStandardOutput = true,
        })!;
        var inode = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return inode;
    }
}
