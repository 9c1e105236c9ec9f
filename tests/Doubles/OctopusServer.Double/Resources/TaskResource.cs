namespace OctopusServer.Double.Resources;

public sealed record TaskResource(
    string Id,
    string SpaceId,
    string Name,
    string Description,
    string State,
    bool IsCompleted,
    bool FinishedSuccessfully,
    string? ErrorMessage,
    DateTimeOffset QueueTime,
    DateTimeOffset? StartTime,
    DateTimeOffset? CompletedTime,
    HealthCheckArgumentsResource Arguments,
    IReadOnlyDictionary<string, string> Links);

public sealed record HealthCheckArgumentsResource(
    TimeSpan Timeout,
    TimeSpan MachineTimeout,
    string? EnvironmentId,
    string? WorkerpoolId,
    string? RestrictedTo,
    IReadOnlyList<string> MachineIds);

/// <summary>The body of <c>POST /api/{spaceId}/tasks</c>; only health checks are understood.</summary>
public sealed record TaskBody
{
    public string? SpaceId { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public HealthCheckArgumentsBody? Arguments { get; init; }
}

public sealed record HealthCheckArgumentsBody
{
    public string? Timeout { get; init; }
    public string? MachineTimeout { get; init; }
    public string? EnvironmentId { get; init; }
    public string? WorkerpoolId { get; init; }
    public string? RestrictedTo { get; init; }
    public IReadOnlyList<string>? MachineIds { get; init; }
}
