using Coordinator.Protocol.Machines;

namespace Coordinator.Actors.Machines;

/// <summary>
/// Keeps hosts' Tentacle certificates: generates one the way Tentacle does and seals it for the journal (once per
/// host, the first time a run needs it; the MachineActor persists the result before any step can use it), seals
/// an operator's certificate instead, and exports one for an operator under a password.
/// </summary>
public interface ICertificateIssuer
{
    Task<RetainedIdentity> IssueAsync(string host, CancellationToken cancellationToken);

    /// <summary>Reads the operator's PFX (with its password, if any) and seals it as the host's identity.</summary>
    /// <exception cref="ArgumentException">It is not a usable Tentacle certificate; the message says why.</exception>
    Task<RetainedIdentity> AdoptAsync(string host, byte[] pfx, string? password, CancellationToken cancellationToken);

    /// <summary>The host's certificate and private key as a PFX protected by <paramref name="password"/>.</summary>
    Task<byte[]> ExportAsync(string host, RetainedIdentity identity, string password, CancellationToken cancellationToken);
}
