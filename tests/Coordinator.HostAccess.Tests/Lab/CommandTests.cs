using System.Diagnostics;

namespace Coordinator.HostAccess.Tests;

/// <summary>Bash commands on a Linux lab host: output, quoting, stdin, timeouts, cancellation.</summary>
public sealed class CommandTests(OneLinuxHost lab) : IClassFixture<OneLinuxHost>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_command_returns_its_output_its_errors_and_its_exit_code()
    {
        await using var sessions = LabEndpoints.Sessions();

        var result = await Session(sessions).RunAsync(
            HostCommand.Bash("report", "echo out; echo \"$LAB_FLAVOUR\"; echo err >&2; exit 3", Generous), default);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\nlinux\n", result.StandardOutput);
        Assert.Equal("err\n", result.StandardError);
        Assert.Equal("err", result.Tail());
    }

    [Theory]
    [MemberData(nameof(CommandLineTests.NastyTexts), MemberType = typeof(CommandLineTests))]
    public async Task Nasty_quoting_reaches_bash_unchanged(string text)
    {
        await using var sessions = LabEndpoints.Sessions();
        var script = $"cat <<'END_OF_TEXT'\n{text}\nEND_OF_TEXT\nx='it'\\''s'; printf '%s' \"$x\" >&2";

        var result = await Session(sessions).RunAsync(HostCommand.Bash("echo nasty text", script, Generous), default);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(text + "\n", result.StandardOutput);
        Assert.Equal("it's", result.StandardError);
    }

    [Fact]
    public async Task A_command_reading_stdin_sees_end_of_file_at_once()
    {
        await using var sessions = LabEndpoints.Sessions();

        var result = await Session(sessions).RunAsync(
            HostCommand.Bash("read a line", "read -r line; echo \"read returned $?\"", Generous), default);

        Assert.Equal("read returned 1\n", result.StandardOutput);
    }

    [Fact]
    public async Task A_command_past_its_timeout_is_stopped_with_a_clear_error_and_the_connection_stays_usable()
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = Session(sessions);
        var command = HostCommand.Bash("wait for the installer", "echo started; sleep 300 & sleep 301; echo never", TimeSpan.FromSeconds(2));
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<HostCommandTimeoutException>(() => session.RunAsync(command, default));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
        Assert.Contains("'wait for the installer'", error.Message);
        Assert.Contains(lab.Host.Name, error.Message);
        Assert.Contains($"{lab.Host.Address}:{lab.Host.Port}", error.Message);
        Assert.Contains("within its limit of 2s and was stopped", error.Message);
        Assert.DoesNotContain("sleep", error.Message);
        Assert.Equal("started", error.OutputTail);
        var after = await session.RunAsync(HostCommand.Bash("look for leftovers", "pgrep -f 'sleep 30[01]' || echo none", Generous), default);
        Assert.Equal("none\n", after.StandardOutput);
    }

    [Fact]
    public async Task A_command_that_ignores_sigterm_is_killed_after_the_grace_period()
    {
        await using var sessions = LabEndpoints.Sessions();
        var command = HostCommand.Bash("stubborn", "trap '' TERM; sleep 302", TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<HostCommandTimeoutException>(() => Session(sessions).RunAsync(command, default));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_command_the_caller_cancels_is_stopped_on_the_host()
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = Session(sessions);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => session.RunAsync(HostCommand.Bash("long", "sleep 303 & sleep 304", Generous), cancellation.Token));

        var after = await session.RunAsync(HostCommand.Bash("look for leftovers", "pgrep -f 'sleep 30[34]' || echo none", Generous), default);
        Assert.Equal("none\n", after.StandardOutput);
    }

    [Fact]
    public async Task Commands_share_one_connection_and_a_dropped_one_is_reopened_on_the_next_command()
    {
        lab.Host.DropConnections();
        await using var sessions = LabEndpoints.Sessions();
        var session = Session(sessions);
        var echo = HostCommand.Bash("echo", "echo $$", Generous);

        for (var i = 0; i < 10; i++)
        {
            await session.RunAsync(echo, default);
        }

        var client = ((SshHostSession)session).ShellClient;
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => session.RunAsync(echo, default)));
        Assert.All(concurrent, result => Assert.Equal(0, result.ExitCode));
        Assert.Same(client, ((SshHostSession)session).ShellClient);
        Assert.Same(session, sessions.For(LabEndpoints.For(lab.Host)));
        Assert.Equal(1, lab.Host.DropConnections());

        var afterDrop = await session.RunAsync(echo, default);

        Assert.Equal(0, afterDrop.ExitCode);
        Assert.NotSame(client, ((SshHostSession)session).ShellClient);
        Assert.Equal(1, lab.Host.DropConnections());
    }

    [Fact]
    public async Task A_connection_lost_while_a_command_runs_is_reported_and_the_next_command_reconnects()
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = Session(sessions);
        var marker = $"/tmp/running-{Guid.NewGuid():N}";
        var running = session.RunAsync(HostCommand.Bash("long step", $"touch {marker}; sleep 5", Generous), default);
        Assert.True(await Deadline.UntilAsync(() => File.Exists(lab.Host.PathOnDisk(marker)), TimeSpan.FromSeconds(20)));

        lab.Host.DropConnections();

        var error = await Assert.ThrowsAsync<HostConnectionLostException>(() => running);
        Assert.Contains("'long step'", error.Message);
        Assert.Contains(lab.Host.Name, error.Message);
        Assert.Equal(0, (await session.RunAsync(HostCommand.Bash("next", "true", Generous), default)).ExitCode);
    }

    private IHostSession Session(SshHostSessions sessions) => sessions.For(LabEndpoints.For(lab.Host));
}
