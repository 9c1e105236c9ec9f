namespace Coordinator.Lab.Tests;

/// <summary>What makes a Windows-flavoured host different from a Linux one.</summary>
public sealed class FlavourTests(LinuxAndWindowsHosts fixture) : IClassFixture<LinuxAndWindowsHosts>
{
    private readonly LabFixture _lab = fixture.Lab;

    private LabHost Windows => _lab.WindowsHosts.Single();

    private LabHost Linux => _lab.LinuxHosts.Single();

    [Fact]
    public async Task Windows_sessions_see_their_flavour_and_drive_c()
    {
        var result = await Ssh.RunAsync(_lab, Windows, "echo \"$LAB_FLAVOUR|$LAB_DRIVE_C\"; ls \"$LAB_DRIVE_C\"");

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("windows|/windows/c", lines[0]);
        Assert.Contains("Windows", lines);
        Assert.Contains("Program Files", lines);
    }

    [Fact]
    public async Task Windows_tools_from_the_image_run_from_path_and_from_drive_c()
    {
        var appCmd = LabPaths.OnDriveC(LinuxAndWindowsHosts.AppCmd);
        var config = LabPaths.OnDriveC(LinuxAndWindowsHosts.ApplicationHostConfig);

        var powershell = await Ssh.RunAsync(_lab, Windows, "powershell -NoProfile -Command Get-Service");
        var appcmd = await Ssh.RunAsync(_lab, Windows, $"'{appCmd}' list apppool");
        var configuration = await Ssh.RunAsync(_lab, Windows, $"test -f '{config}' && wc -c < '{config}'");

        Assert.Equal("powershell stand-in: -NoProfile -Command Get-Service", powershell.Line);
        Assert.Equal("appcmd stand-in: list apppool", appcmd.Line);
        Assert.Equal("0", configuration.Line);
    }

    [Fact]
    public async Task Windows_hosts_have_no_linux_stand_ins_and_linux_hosts_no_windows_tools()
    {
        var onWindows = await Ssh.RunAsync(_lab, Windows, "command -v systemctl || echo none");
        var onLinux = await Ssh.RunAsync(_lab, Linux, "echo $LAB_FLAVOUR; command -v powershell || echo none; test -e /windows/c/Windows; echo $?");

        Assert.NotEqual("/usr/local/sbin/systemctl", onWindows.Line);
        Assert.Equal(["linux", "none", "1"], onLinux.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task An_image_file_outside_the_hosts_own_paths_is_refused_before_anything_starts()
    {
        var options = new LabOptions { LinuxImage = [LabHostFile.FromText("/usr/bin/not-on-a-lab-path", "")] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => LabFixture.StartAsync(linux: 1, options: options));

        Assert.Contains("/usr/bin/not-on-a-lab-path", error.Message);
    }
}
