using Coordinator.Protocol.Machines;

namespace Coordinator.Actors.Machines;

/// <summary>
/// Generates a host's Tentacle certificate the way Tentacle does and seals it for the journal. Called once per
/// host, the first time a run needs it; the MachineActor persists the result before any step can use it.
/// </summary>
public interface ICertificateIssuer
{
    Task<RetainedIdentity> IssueAsync(string host, CancellationToken cancellationToken);
}
