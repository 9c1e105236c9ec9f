namespace Coordinator.Inventory;

/// <summary>How the coordinator checks a host's SSH key against the known-hosts file.</summary>
public enum HostKeyPolicy
{
    /// <summary>The host's key must already be in the known-hosts file.</summary>
    Strict,

    /// <summary>An unknown host's key is recorded on first contact; a changed key is refused.</summary>
    AcceptNew,

    /// <summary>Any key is accepted and nothing is recorded. For throwaway labs only.</summary>
    Off,
}
