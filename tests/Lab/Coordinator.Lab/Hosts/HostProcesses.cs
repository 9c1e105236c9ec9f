namespace Coordinator.Lab;

/// <summary>
/// The processes of one running host: everything in the pid namespace its boot created. The first
/// of them, the namespace's init, is sshd's listener; it also reaps the host's orphans (services).
/// </summary>
internal sealed class HostProcesses
{
    private readonly string _pidNamespace;

    private HostProcesses(int init, string pidNamespace)
    {
        Init = init;
        _pidNamespace = pidNamespace;
    }

    /// <summary>The host's init, as the rest of the machine numbers it.</summary>
    public int Init { get; }

    /// <summary>The processes of the host booted by <paramref name="unsharePid"/>; null while it has none yet.</summary>
    public static HostProcesses? Of(int unsharePid)
    {
        var init = ProcFs.AllProcessIds().FirstOrDefault(pid => ProcFs.ParentOf(pid) == unsharePid && ProcFs.IsAlive(pid));
        return init != 0 && ProcFs.PidNamespaceOf(init) is { } pidNamespace ? new HostProcesses(init, pidNamespace) : null;
    }

    public IReadOnlyList<int> Members() =>
        ProcFs.AllProcessIds().Where(pid => ProcFs.PidNamespaceOf(pid) == _pidNamespace && ProcFs.IsAlive(pid)).ToList();

    /// <summary>The sshd processes serving one connection each (everything named sshd but the listener).</summary>
    public IReadOnlyList<int> ConnectionHandlers() =>
        Members().Where(pid => pid != Init && ProcFs.CommandOf(pid) == "sshd").ToList();
}
