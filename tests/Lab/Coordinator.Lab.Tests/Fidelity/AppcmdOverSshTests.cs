using System.Xml.Linq;

namespace Coordinator.Lab.Tests.Fidelity;

/// <summary>
/// The appcmd double on a Windows-flavoured host over SSH: like IIS, two writers of applicationHost.config
/// at once collide (iis-contention.md), one after the other both land.
/// </summary>
public sealed class AppcmdOverSshTests(OneWindowsHost fixture) : IClassFixture<OneWindowsHost>
{
    private const string SharingViolation =
        "ERROR ( hresult:80070020, message:Failed to commit configuration changes. The process cannot access the file because it is being used by another process. )";

    private static readonly TimeSpan LockDeadline = TimeSpan.FromSeconds(20);

    private LabHost Host => fixture.Lab.WindowsHosts[0];

    private string ConfigOnDisk => Host.PathOnDisk(LabPaths.OnDriveC(WindowsDoubles.ApplicationHostConfig));

    [Fact]
    public async Task A_second_writer_during_a_commit_fails_with_the_sharing_violation_and_only_the_first_lands()
    {
        var (first, second) = (SiteName(), SiteName());
        using var firstSession = await LabConnection.OpenAsync(Host);
        using var secondSession = await LabConnection.OpenAsync(Host);
        var inode = (await firstSession.RunAsync($"stat -c %i '{LabPaths.OnDriveC(WindowsDoubles.ApplicationHostConfig)}'")).Output.Trim();

        // The first writer holds the file's lock for its whole commit delay: start the second once it does.
        await using var firstWriter = firstSession.Start(AddSite(first, 8081, commitDelayMilliseconds: 2500));
        Assert.True(await CommitInProgressAsync(inode), $"appcmd never locked applicationHost.config (inode {inode}) within {LockDeadline}.");
        var secondWrite = await secondSession.RunAsync(AddSite(second, 8082, commitDelayMilliseconds: 0));
        var firstWrite = await firstWriter.EndAsync();

        Assert.Equal(32, secondWrite.ExitStatus);
        Assert.Equal(SharingViolation, secondWrite.Output.TrimEnd('\n'));
        Assert.True(firstWrite.ExitStatus == 0, firstWrite.ToString());
        Assert.Contains($"SITE object \"{first}\" added", firstWrite.Output);
        Assert.Equal(["Default Web Site", first], SitesInConfig().Intersect(["Default Web Site", first, second]));
    }

    [Fact]
    public async Task Writers_one_after_the_other_both_land_in_application_host_config()
    {
        var (first, second) = (SiteName(), SiteName());
        using var session = await LabConnection.OpenAsync(Host);

        var firstWrite = await session.RunAsync(AddSite(first, 8083, commitDelayMilliseconds: 300));
        var secondWrite = await session.RunAsync(AddSite(second, 8084, commitDelayMilliseconds: 300));
        var listed = await session.RunAsync("appcmd list site");

        Assert.True(firstWrite.ExitStatus == 0, firstWrite.ToString());
        Assert.True(secondWrite.ExitStatus == 0, secondWrite.ToString());
        Assert.Contains($"SITE \"{first}\" (id:", listed.Output);
        Assert.Contains($"SITE \"{second}\" (id:", listed.Output);
        Assert.Equal(["Default Web Site", first, second], SitesInConfig().Intersect(["Default Web Site", first, second]));
    }

    /// <summary><c>appcmd add site</c> as a bash session on the host runs it, through C:\...\appcmd.exe.</summary>
    private static string AddSite(string name, int port, int commitDelayMilliseconds) =>
        $"APPCMD_COMMIT_DELAY_MS={commitDelayMilliseconds} \"$LAB_DRIVE_C/Windows/System32/inetsrv/appcmd.exe\" add site " +
        $"/name:{name} '/bindings:http/*:{port}:' '/physicalPath:C:\\inetpub\\{name}'";

    /// <summary>Whether a writer holds the flock on the config file: /proc/locks lists it by inode.</summary>
    private static async Task<bool> CommitInProgressAsync(string inode)
    {
        var deadline = DateTime.UtcNow + LockDeadline;
        while (DateTime.UtcNow < deadline)
        {
            var locks = await File.ReadAllLinesAsync("/proc/locks");
            if (locks.Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Any(fields => fields is [_, "FLOCK", _, "WRITE", _, var file, ..] && file.EndsWith(":" + inode, StringComparison.Ordinal)))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        return false;
    }

    private IEnumerable<string> SitesInConfig() =>
        XDocument.Load(ConfigOnDisk).Descendants("site").Select(site => (string)site.Attribute("name")!);

    private static string SiteName() => $"Site-{Guid.NewGuid():N}"[..13];
}
