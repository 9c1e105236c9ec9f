namespace Coordinator.Tentacle;

/// <summary>Whether retrying a failed step can help.</summary>
public enum FailureKind
{
    /// <summary>Retry with backoff: the connection dropped, a timeout, another installation running, a slow listener.</summary>
    Transient,

    /// <summary>Fail the host: retrying runs into the same answer (a rejected option, a wrong version, a missing program).</summary>
    Permanent,
}

/// <summary>Why a step failed, and whether to retry it.</summary>
/// <param name="Kind">Retry or fail the host.</param>
/// <param name="Source">What kind of command failed.</param>
/// <param name="Command">Which command or check failed (<c>Tentacle configure --trust</c>, <c>msiexec /i</c>, <c>listener</c>).</param>
/// <param name="ExitCode">Its exit code, when a command ran.</param>
/// <param name="Reason">One line for the operator: the command, what its code means and the host's last message.</param>
/// <param name="StderrTail">The last lines the script wrote to stderr (the marker line left out).</param>
public sealed record StepFailure(FailureKind Kind, FailureSource Source, string Command, int? ExitCode, string Reason, string StderrTail)
{
    public bool IsTransient => Kind == FailureKind.Transient;

    /// <summary>The host could not be reached, the connection dropped or the step timed out: always worth a retry.</summary>
    public static StepFailure ConnectionLost(string reason) =>
        new(FailureKind.Transient, FailureSource.Connection, "connection", null, reason, string.Empty);
}
