namespace OctopusServer.Double.Resources;

/// <summary>The user an API key belongs to (<c>GET /api/users/me</c>).</summary>
public sealed record UserResource(
    string Id,
    string Username,
    string DisplayName,
    bool IsActive,
    bool IsService,
    IReadOnlyDictionary<string, string> Links);
