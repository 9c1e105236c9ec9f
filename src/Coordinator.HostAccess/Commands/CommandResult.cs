namespace Coordinator.HostAccess;

/// <summary>How a command ended. Output is decoded as UTF-8.</summary>
/// <param name="ExitCode">The exit status; 128 + N when the host reports the command was killed by signal N, -1 when it reports neither.</param>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// The last <paramref name="lines"/> non-blank lines of standard error, or of standard output when the
    /// command wrote no errors: what an error report quotes.
    /// </summary>
    public string Tail(int lines = 20) => OutputTail.Of(StandardError, StandardOutput, lines);

    /// <summary>The exit code and duration; output is left to <see cref="Tail"/> so a log line stays short.</summary>
    public override string ToString() => $"exit code {ExitCode} after {Elapsed.TotalSeconds:0.0}s";
}

internal static class OutputTail
{
    public static string Of(string standardError, string standardOutput, int lines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        var source = string.IsNullOrWhiteSpace(standardError) ? standardOutput : standardError;
        var nonBlank = source
            .Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => !string.IsNullOrWhiteSpace(line));
        return string.Join(Environment.NewLine, nonBlank.TakeLast(lines));
    }
}
