namespace Coordinator.Tentacle;

/// <summary>
/// Turns a finished script's exit code and output into a <see cref="StepFailure"/>. Failures the caller sees
/// itself (connection lost, step timeout) never reach here: use <see cref="StepFailure.ConnectionLost"/>.
/// </summary>
public static class StepFailureClassifier
{
    const int TailLines = 20;
    const int TailCharacters = 4000;

    /// <summary>Messages of a failing Tentacle command that describe a passing condition rather than a wrong setup.</summary>
    static readonly string[] TransientMessages =
    [
        "being used by another process",
        "timed out",
        "timeout",
        "timely fashion",
        "temporarily unavailable",
        "did not report listening",
    ];

    /// <summary>Checks a script makes that can pass on a second attempt (the upload is repeated, the service given time).</summary>
    static readonly string[] TransientChecks = ["listener", "installer present", "uploaded certificate present"];

    /// <summary>Windows Installer's "another installation is already in progress".</summary>
    public const int MsiAnotherInstallationRunning = 1618;

    /// <summary>The failure, or <c>null</c> when <paramref name="exitCode"/> is 0.</summary>
    public static StepFailure? Classify(int exitCode, string stdout, string stderr)
    {
        if (exitCode == 0)
            return null;
        var tail = Tail(stderr);
        var message = LastMessage(tail) ?? LastMessage(Tail(stdout));
        if (StepFailureMarker.Find(stderr) is not { } marker)
        {
            return IsSignal(exitCode)
                ? Failure(FailureKind.Transient, FailureSource.Script, "script", exitCode, $"The script was interrupted (exit code {exitCode}).", message, tail)
                : Failure(FailureKind.Permanent, FailureSource.Script, "script", exitCode, $"The script failed with exit code {exitCode} without naming a command.", message, tail);
        }

        var (source, code, command) = marker;
        var (kind, meaning) = source switch
        {
            FailureSource.Tentacle => Tentacle(code, tail),
            FailureSource.Installer => Installer(code),
            FailureSource.Check => TransientChecks.Contains(command)
                ? (FailureKind.Transient, "the check may pass on another attempt")
                : (FailureKind.Permanent, "the host does not hold what the step should have produced"),
            _ => Program(code),
        };
        return Failure(kind, source, command, code, $"{command} failed with exit code {code} ({meaning}).", message, tail);
    }

    static (FailureKind, string) Tentacle(int code, string tail)
    {
        var transient = TransientMessages.Any(m => tail.Contains(m, StringComparison.OrdinalIgnoreCase));
        return TentacleExitCodes.Meaning(code) switch
        {
            TentacleExitMeaning.ControlledFailure => (transient ? FailureKind.Transient : FailureKind.Permanent, "Tentacle rejected the request"),
            TentacleExitMeaning.UnknownCommand => (FailureKind.Permanent, "this Tentacle does not support the command"),
            TentacleExitMeaning.Exception => (transient ? FailureKind.Transient : FailureKind.Permanent, "Tentacle failed with an exception"),
            _ => Program(code),
        };
    }

    static (FailureKind, string) Installer(int code) => code switch
    {
        MsiAnotherInstallationRunning => (FailureKind.Transient, "another installation is in progress"),
        1603 => (FailureKind.Permanent, "a fatal error during installation"),
        1619 => (FailureKind.Permanent, "the installer package could not be opened"),
        1639 => (FailureKind.Permanent, "invalid command line"),
        _ => (FailureKind.Permanent, "Windows Installer error"),
    };

    static (FailureKind, string) Program(int code) => code switch
    {
        StepFailureMarker.NotFoundExitCode => (FailureKind.Permanent, "the program was not found"),
        _ when IsSignal(code) => (FailureKind.Transient, "interrupted by a signal"),
        _ => (FailureKind.Permanent, "the command failed"),
    };

    /// <summary>128 + a signal number: what bash reports for a child killed by HUP, INT, KILL or TERM (the traps exit so too).</summary>
    static bool IsSignal(int exitCode) => exitCode is 129 or 130 or 137 or 143;

    static StepFailure Failure(FailureKind kind, FailureSource source, string command, int code, string summary, string? message, string tail) =>
        new(kind, source, command, code, message is null ? summary : $"{summary} {message}", tail);

    /// <summary>The last lines of the stream without the marker line.</summary>
    static string Tail(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n')
            .Where(line => line.Trim().Length > 0 && !line.StartsWith(StepFailureMarker.Prefix, StringComparison.Ordinal))
            .TakeLast(TailLines);
        var tail = string.Join('\n', lines);
        return tail.Length <= TailCharacters ? tail : tail[^TailCharacters..];
    }

    static string? LastMessage(string tail) => tail.Length == 0 ? null : tail[(tail.LastIndexOf('\n') + 1)..].Trim();
}
