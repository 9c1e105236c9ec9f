namespace Coordinator.HostAccess;

/// <summary>The shell a <see cref="HostCommand"/> is written for.</summary>
public enum CommandShell
{
    /// <summary>A bash script, for Linux hosts.</summary>
    Bash,

    /// <summary>A Windows PowerShell script, for Windows hosts.</summary>
    PowerShell,
}

/// <summary>
/// A script to run on a host, with a description for people and a time limit.
/// <para>
/// The script text is visible on the host (in <c>ps</c>, in process auditing) and in the coordinator's
/// memory, so it must never contain a secret: send secrets as files with
/// <see cref="IHostSession.UploadAsync(ReadOnlyMemory{byte}, string, UnixFileMode, CancellationToken)"/>
/// and have the script read them. Errors and logs name the command by its <see cref="Description"/>, never by its script.
/// </para>
/// </summary>
public sealed record HostCommand
{
    private HostCommand(CommandShell shell, string description, string script, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentException.ThrowIfNullOrWhiteSpace(script);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        if (script.Contains('\0'))
        {
            throw new ArgumentException($"The script of '{description}' contains a NUL character, which no shell accepts.", nameof(script));
        }

        Shell = shell;
        Description = description;
        Script = script;
        Timeout = timeout;
    }

    public CommandShell Shell { get; }

    /// <summary>What the command does, in a few words ("install Tentacle 8.1"): what errors and logs show.</summary>
    public string Description { get; }

    public string Script { get; }

    /// <summary>How long the command may run before it is stopped and <see cref="HostCommandTimeoutException"/> is thrown.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>A bash script for a Linux host. It runs with stdin at end of file and bash's default options (no <c>set -e</c>).</summary>
    public static HostCommand Bash(string description, string script, TimeSpan timeout) =>
        new(CommandShell.Bash, description, script, timeout);

    /// <summary>
    /// A Windows PowerShell script for a Windows host. The exit code follows powershell.exe: <c>exit N</c> gives N,
    /// an unhandled terminating error 1, otherwise 1 if the last statement failed and 0 if it succeeded.
    /// </summary>
    public static HostCommand PowerShell(string description, string script, TimeSpan timeout) =>
        new(CommandShell.PowerShell, description, script, timeout);

    /// <summary>The description, shell and limit; never the script, so a command can be logged as it is.</summary>
    public override string ToString() => $"'{Description}' ({Shell}, timeout {Timeout})";
}
