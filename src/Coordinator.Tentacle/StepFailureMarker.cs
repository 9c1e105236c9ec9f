using System.Globalization;
using System.Text.RegularExpressions;

namespace Coordinator.Tentacle;

/// <summary>What kind of command a failing script line ran.</summary>
public enum FailureSource
{
    /// <summary>A Tentacle command; its exit code has Tentacle's meaning (see <see cref="TentacleExitCodes"/>).</summary>
    Tentacle,

    /// <summary>msiexec; its exit code is a Windows Installer code (1618 = another installation is running...).</summary>
    Installer,

    /// <summary>An operating-system tool (mkdir, tar).</summary>
    System,

    /// <summary>A check the script makes after a command (version, thumbprint, listener); exit code <see cref="StepFailureMarker.CheckFailedExitCode"/>.</summary>
    Check,

    /// <summary>The script itself failed unexpectedly (a PowerShell terminating error).</summary>
    Script,

    /// <summary>The host or the connection to it; never written by a script, reported by the caller (see <see cref="StepFailure.ConnectionLost"/>).</summary>
    Connection,
}

/// <summary>
/// The last line a failing script writes to stderr: <c>tentacle-step-failed source=tentacle exit=1 command=Tentacle configure --trust</c>.
/// Both generators write it and <see cref="StepFailureClassifier"/> reads it, so an exit code is never guessed at:
/// tar's 2 and Tentacle's 2 mean different things.
/// </summary>
public static partial class StepFailureMarker
{
    /// <summary>The start of the marker line.</summary>
    public const string Prefix = "tentacle-step-failed";

    /// <summary>The exit code of a script whose own check failed (no command failed).</summary>
    public const int CheckFailedExitCode = 90;

    /// <summary>The exit code when a program could not be started at all, as bash reports it.</summary>
    public const int NotFoundExitCode = 127;

    /// <summary>The source as it is written in the marker line.</summary>
    public static string Token(FailureSource source) => source.ToString().ToLowerInvariant();

    /// <summary>The last marker line in <paramref name="stderr"/>, if the script wrote one.</summary>
    public static (FailureSource Source, int ExitCode, string Command)? Find(string stderr)
    {
        (FailureSource, int, string)? found = null;
        foreach (Match match in MarkerLine().Matches(stderr))
        {
            if (Enum.TryParse<FailureSource>(match.Groups["source"].Value, ignoreCase: true, out var source) &&
                int.TryParse(match.Groups["exit"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exitCode))
            {
                found = (source, exitCode, match.Groups["command"].Value.TrimEnd('\r'));
            }
        }

        return found;
    }

    [GeneratedRegex(@"^tentacle-step-failed source=(?<source>[a-z]+) exit=(?<exit>-?[0-9]{1,10}) command=(?<command>.*)$", RegexOptions.Multiline)]
    private static partial Regex MarkerLine();
}
