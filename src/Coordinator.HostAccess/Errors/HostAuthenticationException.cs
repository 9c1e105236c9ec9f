namespace Coordinator.HostAccess;

/// <summary>The host answered but did not accept the identity file's key for the user.</summary>
public sealed class HostAuthenticationException : HostAccessException
{
    public HostAuthenticationException(HostEndpoint host, Exception? innerException = null)
        : base(
            host,
            $"{host} refused to let '{host.User}' log in with the key in {host.IdentityFile}. Check that the key's public half is in " +
            $"~{host.User}/.ssh/authorized_keys on the host, that the user is right, and that sshd allows public-key logins for it.",
            innerException)
    {
    }
}
