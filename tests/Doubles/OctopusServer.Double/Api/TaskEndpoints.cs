using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OctopusServer.Double.Resources;
using OctopusServer.Double.State;
using OctopusServer.Double.Tentacles;

namespace OctopusServer.Double.Api;

/// <summary>Server tasks. Only health checks can be started; they run for real against the machines' Tentacles.</summary>
internal sealed class TaskEndpoints(OctopusState state, HealthCheckRunner healthChecks)
{
    private const int DefaultTake = 30;

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DefaultMachineTimeout = TimeSpan.FromMinutes(1);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/{spaceId}/tasks", StartAsync);
        app.MapGet("/api/{spaceId}/tasks", (HttpRequest request, string spaceId) => state.FindSpace(spaceId) is { } space
            ? ApiResults.Ok(Paging.Page(
                request, "Task", Templates.Tasks(space.Id), [.. state.Tasks.Where(t => t.SpaceId == space.Id).Reverse().Select(ToResource)], DefaultTake))
            : ApiResults.NotFound());
        app.MapGet("/api/tasks/{id}", (string id) => Get(id, spaceId: null));
        app.MapGet("/api/{spaceId}/tasks/{id}", (string spaceId, string id) => Get(id, spaceId));
        app.MapGet("/api/tasks/{id}/raw", (string id) => state.FindTask(id) is { } task
            ? Results.Text(string.Join('\n', task.LogLines), "text/plain")
            : ApiResults.NotFound());
    }

    private IResult Get(string id, string? spaceId) =>
        state.FindTask(id) is { } task && (spaceId is null || state.FindSpace(spaceId)?.Id == task.SpaceId)
            ? ApiResults.Ok(ToResource(task))
            : ApiResults.NotFound();

    private async Task<IResult> StartAsync(HttpRequest request, string spaceId)
    {
        if (state.FindSpace(spaceId) is not { } space)
        {
            return ApiResults.NotFound();
        }

        var body = await JsonBody<TaskBody>.ReadAsync(request);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var task = body.Value!;
        if (task.Name != "Health")
        {
            return ApiResults.Invalid([$"The task '{task.Name}' is not supported by this test double; only 'Health' is."]);
        }

        var errors = new List<string>();
        var arguments = task.Arguments ?? new HealthCheckArgumentsBody();
        var timeout = ReadDuration(arguments.Timeout, "Timeout", DefaultTimeout, errors);
        var machineTimeout = ReadDuration(arguments.MachineTimeout, "MachineTimeout", DefaultMachineTimeout, errors);
        var machines = SelectMachines(space.Id, arguments, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }

        var parsed = new HealthCheckArguments(
            timeout, machineTimeout, arguments.EnvironmentId, arguments.WorkerpoolId, arguments.RestrictedTo, arguments.MachineIds ?? []);
        var started = healthChecks.Start(space.Id, task.Description ?? "Health check", parsed, machines);
        return ApiResults.Created(ToResource(started));
    }

    /// <summary>The listed machines, else the environment's, else the whole space's; disabled machines are skipped.</summary>
    private List<MachineRecord> SelectMachines(string spaceId, HealthCheckArgumentsBody arguments, List<string> errors)
    {
        var inSpace = state.Machines.Where(m => m.SpaceId == spaceId).ToList();
        if (arguments.MachineIds is { Count: > 0 } ids)
        {
            errors.AddRange(ids.Where(id => inSpace.All(m => m.Id != id)).Select(id => $"The machine '{id}' does not exist."));
            return [.. inSpace.Where(m => ids.Contains(m.Id) && !m.IsDisabled)];
        }

        if (arguments.EnvironmentId is { Length: > 0 } environmentId)
        {
            if (!state.Environments.Any(e => e.Id == environmentId && e.SpaceId == spaceId))
            {
                errors.Add($"The environment '{environmentId}' does not exist.");
            }

            return [.. inSpace.Where(m => m.EnvironmentIds.Contains(environmentId) && !m.IsDisabled)];
        }

        return [.. inSpace.Where(m => !m.IsDisabled)];
    }

    private static TimeSpan ReadDuration(string? text, string name, TimeSpan fallback, List<string> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        errors.Add($"The {name} '{text}' is not a positive duration such as 00:05:00.");
        return fallback;
    }

    private static TaskResource ToResource(ServerTaskRecord t) =>
        new(t.Id, t.SpaceId, t.Name, t.Description, t.State, t.IsCompleted, t.FinishedSuccessfully, t.ErrorMessage,
            t.QueueTime, t.StartTime, t.CompletedTime,
            new HealthCheckArgumentsResource(
                t.Arguments.Timeout, t.Arguments.MachineTimeout, t.Arguments.EnvironmentId, t.Arguments.WorkerpoolId,
                t.Arguments.RestrictedTo, t.Arguments.MachineIds),
            new Dictionary<string, string> { ["Self"] = $"/api/tasks/{t.Id}", ["Raw"] = $"/api/tasks/{t.Id}/raw" });
}
