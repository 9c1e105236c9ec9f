using System.Diagnostics;
using static Coordinator.HostAccess.CommandOutputStream;

namespace Coordinator.HostAccess.Tests;

/// <summary>A command's lines reported while it runs, on a Linux and a windows-flavoured lab host.</summary>
public sealed class OutputStreamingTests(OneLinuxHost linux, OneWindowsHost windows)
    : IClassFixture<OneLinuxHost>, IClassFixture<OneWindowsHost>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    // What the hosts' scripts wait for the test, and the test for them: far longer than either should take.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Lines_reach_the_caller_while_the_command_is_still_running()
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = sessions.For(LabEndpoints.For(linux.Host));
        var marker = $"/tmp/streaming-{Guid.NewGuid():N}";
        var lines = new RecordedLines();
        var firstLine = lines.WhenReported(new(Standard, "first"));
        var script = $"""
            echo first
            for _ in $(seq 300); do [ -e {marker} ] && break; sleep 0.1; done
            rm -f {marker}
            echo second
            echo oops >&2
            """;

        var running = session.RunAsync(HostCommand.Bash("wait for the marker", script, Generous), lines, default);
        // The host only goes on once the marker exists, which the test creates only once it has the first line.
        await firstLine.WaitAsync(Patience);
        Assert.False(running.IsCompleted);
        await session.RunAsync(HostCommand.Bash("create the marker", $"touch {marker}", Generous), default);
        var result = await running.WaitAsync(Patience);

        Assert.Equal(new CommandOutputLine(Standard, "first"), lines.All[0]);
        Assert.Equal(["first", "second"], lines.Of(Standard));
        Assert.Equal(["oops"], lines.Of(Error));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("first\nsecond\n", result.StandardOutput);
        Assert.Equal("oops\n", result.StandardError);
    }

    [Theory]
    [MemberData(nameof(CommandLineTests.NastyTexts), MemberType = typeof(CommandLineTests))]
    public async Task A_streamed_command_returns_the_same_result_as_one_that_is_not(string text)
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = sessions.For(LabEndpoints.For(linux.Host));
        var command = HostCommand.Bash(
            "echo nasty text", $"cat <<'END_OF_TEXT'\n{text}\nEND_OF_TEXT\nprintf '%s' 'no line break at the end' >&2", Generous);
        var lines = new RecordedLines();

        var streamed = await session.RunAsync(command, lines, default);
        var plain = await session.RunAsync(command, default);

        Assert.Equal(plain with { Elapsed = default }, streamed with { Elapsed = default });
        Assert.Equal(LinesOf(plain.StandardOutput), lines.Of(Standard));
        Assert.Equal(["no line break at the end"], lines.Of(Error));
    }

    [Fact]
    public async Task Long_output_arrives_whole_and_in_order()
    {
        await using var sessions = LabEndpoints.Sessions();
        var lines = new RecordedLines();

        var result = await sessions.For(LabEndpoints.For(linux.Host)).RunAsync(
            HostCommand.Bash("count", "seq 1 200000; seq 1 1000 | sed 's/$/ € err/' >&2", Generous), lines, default);

        Assert.Equal(Enumerable.Range(1, 200000).Select(n => n.ToString()), lines.Of(Standard));
        Assert.Equal(Enumerable.Range(1, 1000).Select(n => $"{n} € err"), lines.Of(Error));
        Assert.Equal(string.Concat(Enumerable.Range(1, 200000).Select(n => $"{n}\n")), result.StandardOutput);
    }

    [Fact]
    public async Task A_listener_that_throws_does_not_break_the_command_or_miss_later_lines()
    {
        await using var sessions = LabEndpoints.Sessions();
        var lines = new RecordedLines();
        var throwing = new ThrowingListener(lines);

        var result = await sessions.For(LabEndpoints.For(linux.Host)).RunAsync(
            HostCommand.Bash("report", "echo one; echo two; echo err >&2; exit 4", Generous), throwing, default);

        Assert.Equal(4, result.ExitCode);
        Assert.Equal("one\ntwo\n", result.StandardOutput);
        Assert.Equal(["one", "two"], lines.Of(Standard));
        Assert.Equal(["err"], lines.Of(Error));
    }

    [Fact]
    public async Task A_streamed_command_past_its_timeout_is_stopped_with_its_partial_output()
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = sessions.For(LabEndpoints.For(linux.Host));
        var lines = new RecordedLines();
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<HostCommandTimeoutException>(() => session.RunAsync(
            HostCommand.Bash("wait for the installer", "echo started; sleep 305 & sleep 306; echo never", TimeSpan.FromSeconds(2)),
            lines,
            default));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
        Assert.Equal("started", error.OutputTail);
        Assert.Equal([new CommandOutputLine(Standard, "started")], lines.All);
        var after = await session.RunAsync(HostCommand.Bash("look for leftovers", "pgrep -f 'sleep 30[56]' || echo none", Generous), default);
        Assert.Equal("none\n", after.StandardOutput);
    }

    [Fact]
    public async Task A_streamed_command_the_caller_cancels_is_stopped_on_the_host()
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = sessions.For(LabEndpoints.For(linux.Host));
        var lines = new RecordedLines();
        using var cancellation = new CancellationTokenSource();
        var started = lines.WhenReported(new(Standard, "started"));

        var running = session.RunAsync(HostCommand.Bash("long", "echo started; sleep 307 & sleep 308", Generous), lines, cancellation.Token);
        await started.WaitAsync(Patience);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        var after = await session.RunAsync(HostCommand.Bash("look for leftovers", "pgrep -f 'sleep 30[78]' || echo none", Generous), default);
        Assert.Equal("none\n", after.StandardOutput);
    }

    [Fact]
    public async Task A_connection_lost_while_a_streamed_command_runs_is_reported()
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = sessions.For(LabEndpoints.For(linux.Host));
        var lines = new RecordedLines();
        var started = lines.WhenReported(new(Standard, "started"));

        var running = session.RunAsync(HostCommand.Bash("long step", "echo started; sleep 5", Generous), lines, default);
        await started.WaitAsync(Patience);
        linux.Host.DropConnections();

        var error = await Assert.ThrowsAsync<HostConnectionLostException>(() => running);
        Assert.Contains("'long step'", error.Message);
        Assert.Equal(0, (await session.RunAsync(HostCommand.Bash("next", "true", Generous), default)).ExitCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_powershell_script_streams_its_lines_inline_or_from_stdin(bool longEnoughForStdin)
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = sessions.For(LabEndpoints.For(windows.Host));
        var marker = $@"C:\Windows\Temp\streaming-{Guid.NewGuid():N}.marker";
        var lines = new RecordedLines();
        var firstLine = lines.WhenReported(new(Standard, "first €"));
        var padding = longEnoughForStdin
            ? string.Concat(Enumerable.Repeat("# a comment long enough to push the script past cmd.exe's limit\n", 200))
            : "";
        var script = $$"""
            {{padding}}Write-Output 'first €'
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not (Test-Path '{{marker}}') -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Write-Output 'second'
            Write-Error 'oops'
            exit 3
            """;
        Assert.Equal(longEnoughForStdin, PowerShellCommandLine.For(script).Input.Length > 0);

        var running = session.RunAsync(HostCommand.PowerShell("wait for the marker", script, Generous), lines, default);
        await firstLine.WaitAsync(Patience);
        Assert.False(running.IsCompleted);
        await session.RunAsync(HostCommand.PowerShell("create the marker", $"Set-Content -Path '{marker}' -Value 'go'", Generous), default);
        var result = await running.WaitAsync(Patience);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(new CommandOutputLine(Standard, "first €"), lines.All[0]);
        Assert.Equal(["first €", "second"], lines.Of(Standard));
        Assert.Equal("first €\nsecond\n", result.StandardOutput);
        Assert.Contains(lines.Of(Error), line => line.Contains("oops", StringComparison.Ordinal));
        Assert.Equal(LinesOf(result.StandardError), lines.Of(Error));
    }

    private static IReadOnlyList<string> LinesOf(string text)
    {
        var lines = text.Split('\n').Select(line => line.EndsWith('\r') ? line[..^1] : line).ToList();
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>Records each line, then throws, as a listener with a bug would.</summary>
    private sealed class ThrowingListener(RecordedLines lines) : IProgress<CommandOutputLine>
    {
        public void Report(CommandOutputLine value)
        {
            lines.Report(value);
            throw new InvalidOperationException("the listener failed");
        }
    }
}
