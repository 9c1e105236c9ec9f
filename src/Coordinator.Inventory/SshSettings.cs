namespace Coordinator.Inventory;

/// <summary>How the coordinator reaches one host over SSH. Local paths are absolute.</summary>
/// <param name="User">The login user.</param>
/// <param name="Port">The SSH port on the host's address.</param>
/// <param name="IdentityFile">The private key file used to log in.</param>
/// <param name="HostKeyPolicy">How the host's key is checked against <paramref name="KnownHostsFile"/>.</param>
/// <param name="KnownHostsFile">The OpenSSH-format known-hosts file; may not exist yet under <see cref="Inventory.HostKeyPolicy.AcceptNew"/>.</param>
/// <param name="CommandTimeout">How long one remote command may run before it is abandoned.</param>
public sealed record SshSettings(
    string User,
    int Port,
    string IdentityFile,
    HostKeyPolicy HostKeyPolicy,
    string KnownHostsFile,
    TimeSpan CommandTimeout);
