namespace Coordinator.Octopus;

/// <summary>The JSON shapes the client reads but does not hand out.</summary>
internal sealed record RootDocument(string? Application, string? Version, string? ApiVersion, Dictionary<string, string>? Links);

internal sealed record LinksDocument(Dictionary<string, string>? Links);

internal sealed record SpaceDocument(string Id, string Name, bool IsDefault);

internal sealed record PageDocument<T>(List<T>? Items, Dictionary<string, string>? Links);

internal sealed record TaskDocument(
    string Id,
    string? Name,
    string? State,
    bool IsCompleted,
    bool FinishedSuccessfully,
    string? ErrorMessage,
    Dictionary<string, string>? Links)
{
    public ServerTask ToTask() => new(Id, Name ?? "", State ?? "", IsCompleted, FinishedSuccessfully, ErrorMessage);
}

/// <summary>The <c>POST /api/{spaceId}/tasks</c> body that starts a health check.</summary>
internal sealed record HealthCheckTaskBody(string SpaceId, string Name, string Description, HealthCheckArguments Arguments);

internal sealed record HealthCheckArguments(
    string Timeout,
    string MachineTimeout,
    string? EnvironmentId,
    string? WorkerpoolId,
    string? RestrictedTo,
    IReadOnlyList<string> MachineIds);
