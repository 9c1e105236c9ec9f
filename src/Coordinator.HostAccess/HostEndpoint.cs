namespace Coordinator.HostAccess;

/// <summary>The operating system of a host: it decides how commands run and how paths look.</summary>
public enum HostOs
{
    /// <summary>Commands run in bash; paths are POSIX.</summary>
    Linux,

    /// <summary>Commands run in Windows PowerShell; paths are Windows paths (see <see cref="WindowsSftpPaths"/>).</summary>
    Windows,
}

/// <summary>How the SSH host key a host presents is checked before anything is sent to it.</summary>
public enum HostKeyPolicy
{
    /// <summary>The key must be listed for the host in an OpenSSH known-hosts file.</summary>
    Strict,

    /// <summary>The first key seen is recorded in an <see cref="IHostKeyStore"/>; a different key later is refused.</summary>
    AcceptNew,

    /// <summary>Any key is accepted. For labs only: it gives no protection against an impostor.</summary>
    Off,
}

/// <summary>
/// Everything needed to reach one host over SSH. <see cref="Name"/> is the host's name in the fleet: it keys
/// the connection pool and the host-key store, and every error message starts with it.
/// </summary>
/// <param name="KnownHostsFile">The known-hosts file for <see cref="HostKeyPolicy.Strict"/>; null means <c>~/.ssh/known_hosts</c>. Other policies ignore it.</param>
public sealed record HostEndpoint(
    string Name,
    string Address,
    int Port,
    string User,
    string IdentityFile,
    HostOs Os,
    HostKeyPolicy Policy,
    string? KnownHostsFile = null)
{
    /// <summary>The known-hosts file <see cref="HostKeyPolicy.Strict"/> reads.</summary>
    public string EffectiveKnownHostsFile =>
        KnownHostsFile ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");

    /// <summary><c>web-01 (10.0.0.5:22)</c>: how messages name the host.</summary>
    public override string ToString() => $"{Name} ({Address}:{Port})";

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        ArgumentException.ThrowIfNullOrWhiteSpace(Address, nameof(Address));
        ArgumentException.ThrowIfNullOrWhiteSpace(User, nameof(User));
        ArgumentException.ThrowIfNullOrWhiteSpace(IdentityFile, nameof(IdentityFile));
        if (Port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, $"Host {Name}: {Port} is not a TCP port.");
        }
    }
}
