namespace Coordinator.Tentacle.Tests;

/// <summary>What the caller needs to decide a retry: transient vs permanent, with the failing command and the host's words.</summary>
public sealed class StepFailureClassifierTests
{
    static string Marker(string source, int exitCode, string command) => $"tentacle-step-failed source={source} exit={exitCode} command={command}\n";

    [Fact]
    public void Success_is_no_failure() => Assert.Null(StepFailureClassifier.Classify(0, "fine", ""));

    [Fact]
    public void A_rejected_tentacle_command_is_permanent_and_says_why()
    {
        var stderr = "Instance Nope of Tentacle has not been configured on this machine. Available instances: Test.\n" +
                     Marker("tentacle", 1, "Tentacle configure --trust");

        var failure = StepFailureClassifier.Classify(1, "", stderr)!;

        Assert.Equal((FailureKind.Permanent, FailureSource.Tentacle, "Tentacle configure --trust", 1),
            (failure.Kind, failure.Source, failure.Command, failure.ExitCode));
        Assert.Equal("Tentacle configure --trust failed with exit code 1 (Tentacle rejected the request). " +
                     "Instance Nope of Tentacle has not been configured on this machine. Available instances: Test.", failure.Reason);
        Assert.DoesNotContain(StepFailureMarker.Prefix, failure.StderrTail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "Command 'import-certificate' is not supported", FailureKind.Permanent)]
    [InlineData(100, "The certificate cannot be read with the provided password", FailureKind.Permanent)]
    [InlineData(100, "The process cannot access the file because it is being used by another process.", FailureKind.Transient)]
    [InlineData(1, "The service did not respond to the start or control request in a timely fashion.", FailureKind.Transient)]
    [InlineData(127, "Tentacle: command not found", FailureKind.Permanent)]
    [InlineData(143, "", FailureKind.Transient)]
    public void Tentacle_failures_are_classified_by_exit_code_and_message(int exitCode, string message, FailureKind kind)
    {
        var failure = StepFailureClassifier.Classify(exitCode, "", message + "\n" + Marker("tentacle", exitCode, "Tentacle service --install --start"))!;

        Assert.Equal(kind, failure.Kind);
    }

    [Theory]
    [InlineData(1618, FailureKind.Transient)]
    [InlineData(1603, FailureKind.Permanent)]
    [InlineData(1619, FailureKind.Permanent)]
    public void Installer_failures_use_the_full_windows_installer_code_from_the_marker(int code, FailureKind kind)
    {
        // Linux keeps only the low byte of the process's exit status; the marker carries the full code.
        var failure = StepFailureClassifier.Classify(code & 0xFF, "", Marker("installer", code, "msiexec /i"))!;

        Assert.Equal((kind, code), (failure.Kind, failure.ExitCode));
    }

    [Theory]
    [InlineData("listener", FailureKind.Transient)]
    [InlineData("uploaded certificate present", FailureKind.Transient)]
    [InlineData("installed version", FailureKind.Permanent)]
    [InlineData("thumbprint after import", FailureKind.Permanent)]
    public void Failed_checks_are_transient_only_when_another_attempt_can_pass(string check, FailureKind kind) =>
        Assert.Equal(kind, StepFailureClassifier.Classify(90, "", Marker("check", 90, check))!.Kind);

    [Fact]
    public void A_system_tool_failure_is_permanent() =>
        Assert.Equal(FailureKind.Permanent, StepFailureClassifier.Classify(2, "", "tar: Error is not recoverable\n" + Marker("system", 2, "tar xzf"))!.Kind);

    [Fact]
    public void A_script_killed_by_a_signal_without_a_marker_is_transient() =>
        Assert.Equal((FailureKind.Transient, FailureSource.Script), StepFailureClassifier.Classify(129, "", "") is { } f ? (f.Kind, f.Source) : default);

    [Fact]
    public void A_script_that_fails_without_a_marker_is_permanent_with_its_last_words()
    {
        var failure = StepFailureClassifier.Classify(1, "", "line 3: syntax error near unexpected token\n")!;

        Assert.Equal(FailureKind.Permanent, failure.Kind);
        Assert.EndsWith("syntax error near unexpected token", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lost_connection_is_transient() => Assert.True(StepFailure.ConnectionLost("The host closed the connection.").IsTransient);

    [Fact]
    public void The_stderr_tail_is_bounded()
    {
        var stderr = string.Concat(Enumerable.Range(1, 500).Select(i => $"line {i}\n")) + Marker("tentacle", 100, "Tentacle version");

        var failure = StepFailureClassifier.Classify(100, "", stderr)!;

        Assert.Equal(20, failure.StderrTail.Split('\n').Length);
        Assert.EndsWith("line 500", failure.StderrTail, StringComparison.Ordinal);
    }
}
