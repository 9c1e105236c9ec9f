namespace OctopusServer.Double.State;

public sealed record SpaceRecord(string Id, string Name, string Slug, bool IsDefault);

public sealed record EnvironmentRecord(string Id, string SpaceId, string Name, string Slug, string Description, int SortOrder);

public sealed record MachinePolicyRecord(
    string Id,
    string SpaceId,
    string Name,
    bool IsDefault,
    string DeleteMachinesBehavior,
    TimeSpan DeleteMachinesElapsedTimeSpan);

public sealed record MachineEndpoint(string Id, string CommunicationStyle, string? Uri, string Thumbprint, string? ProxyId);

public sealed record MachineRecord(
    string Id,
    string SpaceId,
    string Name,
    string Slug,
    IReadOnlyList<string> EnvironmentIds,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> TenantIds,
    IReadOnlyList<string> TenantTags,
    string TenantedDeploymentParticipation,
    string MachinePolicyId,
    bool IsDisabled,
    MachineEndpoint Endpoint,
    string HealthStatus,
    string StatusSummary)
{
    /// <summary>Octopus derives the connection status from health, and reports disabled machines as such.</summary>
    public string Status => IsDisabled
        ? "Disabled"
        : HealthStatus switch
        {
            HealthStatuses.Healthy or HealthStatuses.HasWarnings => "Online",
            HealthStatuses.Unavailable or HealthStatuses.Unhealthy => "Offline",
            _ => "Unknown",
        };
}

public static class HealthStatuses
{
    public const string Healthy = "Healthy";
    public const string HasWarnings = "HasWarnings";
    public const string Unavailable = "Unavailable";
    public const string Unhealthy = "Unhealthy";
    public const string Unknown = "Unknown";
}

public static class CommunicationStyles
{
    public const string TentaclePassive = "TentaclePassive";
    public const string TentacleActive = "TentacleActive";
}

public sealed record HealthCheckArguments(
    TimeSpan Timeout,
    TimeSpan MachineTimeout,
    string? EnvironmentId,
    string? WorkerpoolId,
    string? RestrictedTo,
    IReadOnlyList<string> MachineIds);

public sealed record ServerTaskRecord(
    string Id,
    string SpaceId,
    string Name,
    string Description,
    string State,
    string? ErrorMessage,
    DateTimeOffset QueueTime,
    DateTimeOffset? StartTime,
    DateTimeOffset? CompletedTime,
    HealthCheckArguments Arguments,
    IReadOnlyList<string> LogLines)
{
    public bool IsCompleted => State is not (TaskStates.Queued or TaskStates.Executing or TaskStates.Cancelling);

    public bool FinishedSuccessfully => State == TaskStates.Success;
}

public static class TaskStates
{
    public const string Queued = "Queued";
    public const string Executing = "Executing";
    public const string Cancelling = "Cancelling";
    public const string Success = "Success";
    public const string Failed = "Failed";
    public const string TimedOut = "TimedOut";
    public const string Canceled = "Canceled";
}

/// <summary>The outcome of creating or updating a machine.</summary>
public sealed record MachineWrite(MachineRecord? Machine, IReadOnlyList<string> Errors, bool NotFound)
{
    public static MachineWrite Saved(MachineRecord machine) => new(machine, [], false);

    public static MachineWrite Invalid(IReadOnlyList<string> errors) => new(null, errors, false);

    public static MachineWrite Missing { get; } = new(null, [], true);
}
