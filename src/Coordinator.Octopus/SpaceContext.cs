namespace Coordinator.Octopus;

/// <summary>The resolved space and the link templates of its collections.</summary>
internal sealed record SpaceContext(OctopusSpace Space, ResourceLinks Links);
