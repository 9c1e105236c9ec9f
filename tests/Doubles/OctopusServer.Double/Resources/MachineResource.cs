namespace OctopusServer.Double.Resources;

/// <summary>A deployment target as the server returns it.</summary>
public sealed record MachineResource(
    string? Id,
    string Name,
    string SpaceId,
    string? Slug,
    string? Thumbprint,
    string? Uri,
    bool IsDisabled,
    IReadOnlyList<string> EnvironmentIds,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> TenantIds,
    IReadOnlyList<string> TenantTags,
    string TenantedDeploymentParticipation,
    string MachinePolicyId,
    string Status,
    string HealthStatus,
    string StatusSummary,
    bool HasLatestCalamari,
    bool IsInProcess,
    EndpointResource Endpoint,
    IReadOnlyDictionary<string, string> Links);

public sealed record EndpointResource(
    string? Id,
    string CommunicationStyle,
    string? Uri,
    string? Thumbprint,
    string? ProxyId);

/// <summary>
/// The writable part of a machine. Clients PUT the whole resource back, so anything else in the body
/// (Id, Status, Links ...) is read and ignored, as the real server does.
/// </summary>
public sealed record MachineBody
{
    public string? Name { get; init; }
    public IReadOnlyList<string>? EnvironmentIds { get; init; }
    public IReadOnlyList<string>? Roles { get; init; }
    public IReadOnlyList<string>? TenantIds { get; init; }
    public IReadOnlyList<string>? TenantTags { get; init; }
    public string? TenantedDeploymentParticipation { get; init; }
    public string? MachinePolicyId { get; init; }
    public bool IsDisabled { get; init; }
    public EndpointBody? Endpoint { get; init; }
}

public sealed record EndpointBody
{
    public string? CommunicationStyle { get; init; }
    public string? Uri { get; init; }
    public string? Thumbprint { get; init; }
    public string? ProxyId { get; init; }
}
