namespace Coordinator.Iis;

/// <summary>
/// Turns a finished IIS script's (or a bare appcmd's) exit code and output into an <see cref="IisFailure"/>.
/// Contention is transient: another writer had applicationHost.config or the mutex, and a later attempt finds it free.
/// A duplicate entry (0x800700B7) is permanent: it is a non-idempotent change meeting its own earlier result, and
/// retrying meets it again. Anything unrecognised is permanent, so a real fault is not retried forever.
/// </summary>
public static class IisFailureClassifier
{
    const int TailLines = 20;
    const int TailCharacters = 4000;

    /// <summary>How appcmd starts the line that carries its error.</summary>
    const string AppcmdErrorStart = "ERROR (";

    /// <summary>appcmd's answer to adding what is already there.</summary>
    static readonly string[] DuplicateMessages = ["800700B7", "duplicate collection entry"];

    /// <summary>What IIS writers say when another writer was at applicationHost.config, and the scripts' own mutex timeout.</summary>
    static readonly string[] ContentionMessages =
    [
        "80070020",
        "being used by another process",
        "file has changed on disk",
        "Cannot write configuration file",
        IisScriptMessages.MutexTimeout,
        IisScriptMessages.InconsistentRead,
    ];

    /// <summary>The failure, or <c>null</c> when <paramref name="exitCode"/> is 0.</summary>
    public static IisFailure? Classify(int exitCode, string stdout, string stderr)
    {
        if (exitCode == 0)
            return null;
        var errorTail = Tail(stderr);
        var outputTail = Tail(stdout);
        var output = errorTail + "\n" + outputTail;
        var message = HostMessage(errorTail) ?? HostMessage(outputTail);
        var marker = IisFailureMarker.Find(stderr);
        var source = marker?.Source ?? (output.Contains(AppcmdErrorStart, StringComparison.Ordinal) ? IisFailureSource.Appcmd : IisFailureSource.Script);
        var command = marker?.Command ?? Token(source);
        var code = marker?.ExitCode ?? exitCode;

        var (kind, meaning) = output switch
        {
            _ when Mentions(output, DuplicateMessages) =>
                (IisFailureKind.Permanent, "a duplicate entry: the change is not idempotent, so a retry meets the same entry"),
            _ when source == IisFailureSource.Mutex =>
                (IisFailureKind.Transient, "another writer held the host's IIS mutex for the whole wait; nothing was changed, and a later attempt can take its turn"),
            _ when Mentions(output, ContentionMessages) =>
                (IisFailureKind.Transient, "another writer had the IIS configuration; a later attempt can take its turn"),
            _ when IsSignal(exitCode) => (IisFailureKind.Transient, "interrupted by a signal"),
            _ when code == IisFailureMarker.NotFoundExitCode => (IisFailureKind.Permanent, "appcmd.exe is not on the host: is IIS installed?"),
            _ when source == IisFailureSource.Check => (IisFailureKind.Permanent, "the host does not hold what the operation needs"),
            _ => (IisFailureKind.Permanent, "the command failed"),
        };
        var summary = $"{command} failed with exit code {code} ({meaning}).";
        return new IisFailure(kind, source, command, code, message is null ? summary : $"{summary} {message}", errorTail.Length > 0 ? errorTail : outputTail);
    }

    static string Token(IisFailureSource source) => source == IisFailureSource.Appcmd ? "appcmd" : IisFailureMarker.Token(source);

    static bool Mentions(string output, string[] messages) => messages.Any(m => output.Contains(m, StringComparison.OrdinalIgnoreCase));

    /// <summary>128 + a signal number (HUP, INT, KILL, TERM), as a killed process is reported on Linux hosts.</summary>
    static bool IsSignal(int exitCode) => exitCode is 129 or 130 or 137 or 143;

    /// <summary>appcmd's <c>ERROR ( ... )</c> line if there is one, else the last line.</summary>
    static string? HostMessage(string tail)
    {
        if (tail.Length == 0)
            return null;
        var lines = tail.Split('\n');
        return (lines.LastOrDefault(line => line.TrimStart().StartsWith(AppcmdErrorStart, StringComparison.Ordinal)) ?? lines[^1]).Trim();
    }

    /// <summary>The last lines of the stream without the marker line.</summary>
    static string Tail(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n')
            .Where(line => line.Trim().Length > 0 && !line.StartsWith(IisFailureMarker.Prefix, StringComparison.Ordinal))
            .TakeLast(TailLines);
        var tail = string.Join('\n', lines);
        return tail.Length <= TailCharacters ? tail : tail[^TailCharacters..];
    }
}
