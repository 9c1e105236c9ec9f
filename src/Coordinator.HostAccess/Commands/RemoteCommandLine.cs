using System.Globalization;

namespace Coordinator.HostAccess;

/// <summary>
/// What is sent to a host to run a <see cref="HostCommand"/>: the exec request's command line, what goes to
/// the command's stdin (end of file follows), when the coordinator stops waiting, and the command line
/// that stops the command on the host if the caller cancels it (null where there is none).
/// </summary>
internal sealed record RemoteCommandLine(string Text, byte[] Input, TimeSpan LocalDeadline, bool HostEnforcesTimeout, string? StopText)
{
    /// <summary>Slack for the network and the host's scheduler before the coordinator gives up on a host-enforced limit.</summary>
    private static readonly TimeSpan HostTimeoutSlack = TimeSpan.FromSeconds(5);

    public static RemoteCommandLine For(HostEndpoint host, HostCommand command, TimeSpan killGracePeriod)
    {
        var expected = host.Os == HostOs.Linux ? CommandShell.Bash : CommandShell.PowerShell;
        if (command.Shell != expected)
        {
            throw new ArgumentException(
                $"{command} is a {command.Shell} command, but {host} is a {host.Os} host, which runs {expected} commands.",
                nameof(command));
        }

        if (command.Shell == CommandShell.Bash)
        {
            var marker = BashCommandLine.NewMarker();
            return new RemoteCommandLine(
                BashCommandLine.For(command, killGracePeriod, marker),
                [],
                command.Timeout + killGracePeriod + HostTimeoutSlack,
                HostEnforcesTimeout: true,
                BashCommandLine.StopCommand(marker));
        }

        // Windows has no equivalent the coordinator can rely on; the process ends when its session closes
        // if the SSH server ends it, or else when it finishes.
        var (text, input) = PowerShellCommandLine.For(command.Script);
        return new RemoteCommandLine(text, input, command.Timeout, HostEnforcesTimeout: false, StopText: null);
    }

    /// <summary>Whether an exit code means the host's <c>timeout</c> stopped the command (124: after SIGTERM, 137: after SIGKILL).</summary>
    public bool MeansTimedOut(int exitCode, TimeSpan elapsed, TimeSpan limit) =>
        HostEnforcesTimeout && exitCode is BashCommandLine.TimedOutExitCode or BashCommandLine.KilledExitCode && elapsed >= limit;

    /// <summary>Never the text: it holds the script.</summary>
    public override string ToString() => $"a command line of {Text.Length} characters with {Input.Length} bytes of input";

    internal static string WholeSeconds(TimeSpan span) =>
        Math.Max(1, (long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
