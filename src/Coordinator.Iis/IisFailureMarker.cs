using System.Globalization;
using System.Text.RegularExpressions;

namespace Coordinator.Iis;

/// <summary>
/// The last line a failing IIS script writes to stderr: <c>iis-operation-failed source=appcmd exit=32 command=appcmd add site</c>.
/// The scripts write it and <see cref="IisFailureClassifier"/> reads it, like Coordinator.Tentacle's step marker.
/// </summary>
public static partial class IisFailureMarker
{
    /// <summary>The start of the marker line.</summary>
    public const string Prefix = "iis-operation-failed";

    /// <summary>The exit code when the mutex was not taken in time (sysexits' EX_TEMPFAIL: try again later).</summary>
    public const int MutexTimeoutExitCode = 75;

    /// <summary>The exit code of a script whose own check failed (no command failed), as in Coordinator.Tentacle.</summary>
    public const int CheckFailedExitCode = 90;

    /// <summary>The exit code when appcmd.exe is not on the host (IIS is not installed), as bash reports a missing program.</summary>
    public const int NotFoundExitCode = 127;

    /// <summary>The source as it is written in the marker line.</summary>
    public static string Token(IisFailureSource source) => source.ToString().ToLowerInvariant();

    /// <summary>The last marker line in <paramref name="stderr"/>, if the script wrote one.</summary>
    public static (IisFailureSource Source, int ExitCode, string Command)? Find(string stderr)
    {
        (IisFailureSource, int, string)? found = null;
        foreach (Match match in MarkerLine().Matches(stderr))
        {
            if (Enum.TryParse<IisFailureSource>(match.Groups["source"].Value, ignoreCase: true, out var source) &&
                int.TryParse(match.Groups["exit"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exitCode))
            {
                found = (source, exitCode, match.Groups["command"].Value.TrimEnd('\r'));
            }
        }

        return found;
    }

    [GeneratedRegex(@"^iis-operation-failed source=(?<source>[a-z]+) exit=(?<exit>-?[0-9]{1,10}) command=(?<command>.*)$", RegexOptions.Multiline)]
    private static partial Regex MarkerLine();
}
