namespace OctopusServer.Double.Resources;

public sealed record SpaceResource(
    string Id,
    string Name,
    string Slug,
    string Description,
    bool IsDefault,
    bool TaskQueueStopped,
    IReadOnlyList<string> SpaceManagersTeams,
    IReadOnlyList<string> SpaceManagersTeamMembers,
    IReadOnlyDictionary<string, string> Links);

/// <summary>The space-scoped document at <c>GET /api/{spaceId}</c>.</summary>
public sealed record SpaceHomeResource(IReadOnlyDictionary<string, string> Links);
