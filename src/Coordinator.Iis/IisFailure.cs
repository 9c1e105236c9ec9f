namespace Coordinator.Iis;

/// <summary>Whether retrying a failed IIS operation can help.</summary>
public enum IisFailureKind
{
    /// <summary>Retry with backoff: another writer had applicationHost.config or the mutex.</summary>
    Transient,

    /// <summary>Fail the operation: retrying runs into the same answer (a duplicate entry, a missing site, no appcmd).</summary>
    Permanent,
}

/// <summary>What failed inside an IIS script.</summary>
public enum IisFailureSource
{
    /// <summary>An appcmd command; its message is the <c>ERROR ( hresult:..., message:... )</c> line.</summary>
    Appcmd,

    /// <summary>The host-wide named mutex was not taken within its timeout (nothing was changed).</summary>
    Mutex,

    /// <summary>A check the script makes itself (the site an application belongs to exists, a consistent read).</summary>
    Check,

    /// <summary>The script failed unexpectedly (a PowerShell terminating error), or output without a marker.</summary>
    Script,
}

/// <summary>Why an IIS operation failed, and whether to retry it.</summary>
/// <param name="Kind">Retry or fail.</param>
/// <param name="Source">What failed.</param>
/// <param name="Command">Which command or check failed (<c>appcmd add site</c>, <c>mutex</c>, <c>site exists</c>).</param>
/// <param name="ExitCode">The exit code the script ended with.</param>
/// <param name="Reason">One line for the operator: the command, what went wrong, and the host's message.</param>
/// <param name="OutputTail">The last lines the script wrote to stderr (the marker left out), else to stdout.</param>
public sealed record IisFailure(IisFailureKind Kind, IisFailureSource Source, string Command, int ExitCode, string Reason, string OutputTail)
{
    public bool IsTransient => Kind == IisFailureKind.Transient;
}
