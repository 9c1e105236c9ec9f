namespace Coordinator.Cli;

/// <summary>
/// Every exit status <c>coord</c> returns. Scripts branch on these, so a value never changes meaning;
/// new commands reuse them rather than inventing their own.
/// </summary>
public enum ExitCode
{
    /// <summary>The command did what was asked.</summary>
    Ok = 0,

    /// <summary>The coordinator was reached but the operation failed (it refused the request, or a host failed).</summary>
    OperationFailed = 1,

    /// <summary>The command line was wrong, or no coordinator answered at the endpoint.</summary>
    UsageOrConnection = 2,
}
