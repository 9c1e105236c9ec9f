using System.Text;

namespace Coordinator.HostAccess;

/// <summary>
/// The command line that runs a bash script on a Linux host:
/// <c>exec timeout -k GRACE LIMIT bash -c '&lt;script&gt;' &lt;/dev/null</c>.
/// <para>
/// The script travels as one single-quoted argument (a quote inside becomes <c>'\''</c>), which every
/// POSIX login shell reads back byte for byte. The host enforces the time limit with coreutils' <c>timeout</c>,
/// which signals the script's whole process group, because sshd refuses SSH "signal" requests in root
/// sessions: without it a timed-out script and its children would keep running. stdin is /dev/null so a
/// command that prompts fails at once instead of hanging until the limit.
/// </para>
/// <para>
/// The script's first line is a comment with a marker unique to this run, so a command the caller cancels
/// can be found and stopped: <see cref="StopCommand"/> sends SIGTERM to every process whose command line
/// carries the marker, and <c>timeout</c> passes it on to the script's process group.
/// </para>
/// </summary>
internal static class BashCommandLine
{
    public const int TimedOutExitCode = 124;
    public const int KilledExitCode = 128 + 9;

    /// <summary>Linux's limit on one command-line argument (MAX_ARG_STRLEN, 32 pages), its terminating NUL included.</summary>
    public const int MaxArgumentBytes = 128 * 1024;

    public static string For(HostCommand command, TimeSpan killGracePeriod, string marker)
    {
        var quoted = Quote($"# {marker}\n{command.Script}");
        var bytes = Encoding.UTF8.GetByteCount(quoted);
        if (bytes >= MaxArgumentBytes)
        {
            throw new ArgumentException(
                $"The script of {command} is {bytes} bytes once quoted; Linux allows {MaxArgumentBytes - 1} in one argument. " +
                "Upload large content as a file and have a short script use it.",
                nameof(command));
        }

        var limit = RemoteCommandLine.WholeSeconds(command.Timeout);
        var grace = RemoteCommandLine.WholeSeconds(killGracePeriod);
        return $"exec timeout -k {grace} {limit} bash -c {quoted} </dev/null";
    }

    /// <summary>A unique marker: letters, digits and a dash, so it needs no quoting anywhere.</summary>
    public static string NewMarker() => "coordinator-command-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Stops the command carrying <paramref name="marker"/>. The pattern's first letter is bracketed so it
    /// does not match pkill's own command line, nor the shell's that runs it.
    /// </summary>
    public static string StopCommand(string marker) =>
        $"exec timeout 10 pkill -TERM -f -- '[{marker[0]}]{marker[1..]}' </dev/null";

    /// <summary>One POSIX shell word with exactly the text of <paramref name="value"/>.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
}
