namespace Coordinator.HostAccess;

/// <summary>How patiently hosts are reached. The defaults suit real fleets; tests shrink them.</summary>
public sealed record HostAccessOptions
{
    /// <summary>How long opening a connection may take: TCP connect, SSH handshake and authentication together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often an idle connection sends a keep-alive, so firewalls keep it open; <see cref="Timeout.InfiniteTimeSpan"/> turns them off.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one SFTP request may wait for its answer before the transfer is abandoned.</summary>
    public TimeSpan FileRequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a bash command that ran out of time has between SIGTERM and SIGKILL on the host. The
    /// coordinator itself gives up this long (plus a little) after the command's own timeout.
    /// </summary>
    public TimeSpan KillGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How the Windows paths callers use become the paths the hosts' SFTP servers understand.</summary>
    public WindowsSftpPaths WindowsPaths { get; init; } = WindowsSftpPaths.OpenSshForWindows;

    internal void Validate()
    {
        RequirePositive(ConnectTimeout, nameof(ConnectTimeout));
        RequirePositive(FileRequestTimeout, nameof(FileRequestTimeout));
        RequirePositive(KillGracePeriod, nameof(KillGracePeriod));
        if (KeepAliveInterval != Timeout.InfiniteTimeSpan)
        {
            RequirePositive(KeepAliveInterval, nameof(KeepAliveInterval));
        }

        ArgumentNullException.ThrowIfNull(WindowsPaths, nameof(WindowsPaths));
    }

    private static void RequirePositive(TimeSpan value, string name) =>
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, name);
}
