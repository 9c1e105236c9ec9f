namespace Coordinator.Protocol;

/// <summary>
/// Marks a type that crosses Akka.Remote or is written to the journal or snapshot store.
/// Every such type needs a <see cref="ManifestAttribute"/>: <see cref="Serialization.CoordinatorSerializer"/>
/// refuses anything without one, so an unversioned type can never reach the wire or the journal.
/// </summary>
public interface ICoordinatorMessage;

/// <summary>A message addressed to one host's entity; the host name is the entity id.</summary>
public interface IWithHost
{
    string Host { get; }
}
