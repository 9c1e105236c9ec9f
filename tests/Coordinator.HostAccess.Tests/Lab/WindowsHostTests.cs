using System.Diagnostics;
using Coordinator.Lab;

namespace Coordinator.HostAccess.Tests;

/// <summary>PowerShell commands and Windows paths on a windows-flavoured lab host (its powershell is the lab's double).</summary>
public sealed class WindowsHostTests(OneWindowsHost lab) : IClassFixture<OneWindowsHost>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_script_with_a_non_zero_exit_returns_that_code_and_its_output()
    {
        await using var sessions = LabEndpoints.Sessions();

        var result = await Session(sessions).RunAsync(
            HostCommand.PowerShell("exit seven", "Write-Output \"ünï `\"quoted`\" 'single' $(1 + 1)\"\nWrite-Error 'went wrong'\nexit 7", Generous), default);

        Assert.Equal(7, result.ExitCode);
        Assert.Equal("ünï \"quoted\" 'single' 2\n", result.StandardOutput);
        Assert.Contains("went wrong", result.StandardError);
    }

    [Fact]
    public async Task A_failing_last_statement_exits_with_one()
    {
        await using var sessions = LabEndpoints.Sessions();

        var result = await Session(sessions).RunAsync(HostCommand.PowerShell("missing item", "Get-Item C:\\NoSuchThing", Generous), default);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("NoSuchThing", result.Tail());
    }

    [Fact]
    public async Task A_script_too_long_for_a_command_line_runs_from_stdin_with_the_same_exit_rules()
    {
        await using var sessions = LabEndpoints.Sessions();
        var padding = string.Concat(Enumerable.Repeat("# a comment long enough to push the script past cmd.exe's limit\n", 200));
        var script = $"{padding}Write-Output 'from stdin: €'\nWrite-Output ([Environment]::CommandLine.Length)\nexit 5";

        var result = await Session(sessions).RunAsync(HostCommand.PowerShell("long script", script, Generous), default);

        Assert.Equal(5, result.ExitCode);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("from stdin: €", lines[0]);
        Assert.InRange(int.Parse(lines[1]), 1, PowerShellCommandLine.MaxInlineLength);
    }

    [Fact]
    public async Task A_script_past_its_timeout_fails_clearly_and_the_connection_stays_usable()
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = Session(sessions);
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<HostCommandTimeoutException>(
            () => session.RunAsync(HostCommand.PowerShell("install the MSI", "Start-Sleep -Seconds 300", TimeSpan.FromSeconds(3)), default));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15));
        Assert.Contains("'install the MSI'", error.Message);
        Assert.Contains("within its limit of 3s; the coordinator stopped waiting", error.Message);
        Assert.Contains(lab.Host.Name, error.Message);
        Assert.Equal(0, (await session.RunAsync(HostCommand.PowerShell("still there", "exit 0", Generous), default)).ExitCode);
    }

    [Fact]
    public async Task A_private_temp_path_is_a_windows_path_that_uploads_reach_and_deleting_clears()
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = Session(sessions);

        var path = await session.CreatePrivateTempPathAsync("tentacle.pfx", default);

        Assert.Matches(@"^C:[\\/]Windows[\\/]Temp[\\/]coordinator-[0-9a-f]{32}\\tentacle\.pfx$", path);
        await session.UploadAsync("certificate bytes"u8.ToArray(), path, UnixFileMode.UserRead | UnixFileMode.UserWrite, default);
        var read = await session.RunAsync(HostCommand.PowerShell("read it", $"Get-Content -Raw '{path}'", Generous), default);
        Assert.Equal("certificate bytes", read.StandardOutput.TrimEnd());

        await session.DeleteAsync(path, default);

        var directory = path[..path.LastIndexOf('\\')];
        var gone = await session.RunAsync(HostCommand.PowerShell("look for it", $"Test-Path '{directory}'", Generous), default);
        Assert.Equal("False", gone.StandardOutput.Trim());
        Assert.False(Directory.Exists(lab.Host.PathOnDisk(LabPaths.OnDriveC(directory))));
    }

    private IHostSession Session(SshHostSessions sessions) => sessions.For(LabEndpoints.For(lab.Host));
}
