namespace Coordinator.Iis;

/// <summary>
/// The system-wide named mutex every generated script holds while it writes IIS configuration, so writers outside
/// the coordinator that take the same mutex take turns with it. A script that cannot take it within
/// <paramref name="Timeout"/> fails (transient) and changes nothing: it never writes without the lock.
/// </summary>
/// <param name="Name">The mutex name; <c>Global\</c> makes it one object for every session on the host.</param>
/// <param name="Timeout">How long a script waits for its turn. Keep it below the caller's step timeout.</param>
public sealed record IisMutex(string Name, TimeSpan Timeout)
{
    /// <summary>
    /// The name the deployment scripts of the seed write-up already use (<c>"ABCCodeDeploy"</c>), in the global
    /// namespace. Those scripts run under the CodeDeploy agent, a service in session 0, where an unprefixed name
    /// already lands in the global namespace, so both refer to the same mutex there; the <c>Global\</c> prefix makes
    /// the coordinator's scripts (run in an SSH session) see it too. Hosts whose scripts use another name configure it.
    /// </summary>
    public const string DefaultName = @"Global\ABCCodeDeploy";

    /// <summary>The seed's wait: one minute.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(1);

    /// <summary><see cref="DefaultName"/> with <see cref="DefaultTimeout"/>.</summary>
    public static IisMutex Default { get; } = new(DefaultName, DefaultTimeout);

    /// <summary>The default name with another timeout.</summary>
    public IisMutex(TimeSpan timeout)
        : this(DefaultName, timeout)
    {
    }
}
