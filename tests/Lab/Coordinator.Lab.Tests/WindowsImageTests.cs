namespace Coordinator.Lab.Tests;

/// <summary>
/// What a Windows-flavoured host gets by default: the lab's doubles, run from one read-only copy that every
/// host mounts outside its private /tmp, and a fresh IIS configuration.
/// </summary>
public sealed class WindowsImageTests(OneWindowsHost fixture) : IClassFixture<OneWindowsHost>
{
    private LabHost Host => fixture.Lab.WindowsHosts[0];

    [Fact]
    public async Task The_doubles_run_from_the_read_only_tools_mount()
    {
        var result = await Ssh.RunAsync(fixture.Lab, Host, $"""
            command -v powershell msiexec appcmd
            tail -n 1 /usr/local/sbin/powershell
            touch {LabPaths.Tools}/written 2>&1 || true
            """);

        Assert.Equal(
            [
                "/usr/local/sbin/powershell",
                "/usr/local/sbin/msiexec",
                "/usr/local/sbin/appcmd",
                $"exec '{LabPaths.Tool("powershell", "powershell")}' \"$@\"",
                $"touch: cannot touch '{LabPaths.Tools}/written': Read-only file system",
            ],
            result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_recreated_host_gets_the_doubles_and_a_fresh_iis_configuration_again()
    {
        await Ssh.RunAsync(fixture.Lab, Host, "appcmd add apppool /name:BeforeRebuild");

        await Host.RecreateAsync();
        var result = await Ssh.RunAsync(fixture.Lab, Host, "appcmd list apppool; appcmd list site; test -d \"$LAB_DRIVE_C/Windows/Temp\" && echo temp");

        Assert.Equal(
            [
                "APPPOOL \"DefaultAppPool\" (MgdVersion:v4.0,MgdMode:Integrated,state:Started)",
                "SITE \"Default Web Site\" (id:1,bindings:http/*:80:,state:Started)",
                "temp",
            ],
            result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("/tmp/coordinator/tests/Doubles/PowerShell.Double/bin/Debug/net10.0/powershell")]
    [InlineData("/var/tmp/powershell")]
    public void A_launcher_of_a_program_under_a_hosts_private_tmp_is_refused(string program)
    {
        var error = Assert.Throws<ArgumentException>(() => LabHostFile.Launcher(LabPaths.StandIn("powershell"), program));

        Assert.Contains("LabTool", error.Message);
    }
}
