using System.Diagnostics;
using System.Globalization;
using Coordinator.Octopus.Http;

namespace Coordinator.Octopus;

/// <summary>
/// Health check tasks: Octopus connects to each machine's Tentacle, checks it presents the pinned thumbprint
/// and trusts the server, and records the machine's health.
/// </summary>
public sealed class OctopusHealthChecks
{
    private readonly OctopusClient _client;

    internal OctopusHealthChecks(OctopusClient client) => _client = client;

    /// <summary>Starts a health check of these machines and polls it until it is done or <paramref name="deadline"/> has passed.</summary>
    public async Task<HealthCheckResult> RunAsync(
        IReadOnlyList<string> machineIds, TimeSpan? deadline = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var task = await StartAsync(machineIds, cancellationToken);
        return await WaitAsync(task, machineIds, (deadline ?? _client.Options.HealthCheckDeadline) - clock.Elapsed, cancellationToken);
    }

    /// <summary>
    /// Starts a health check. A retry after a lost response may start a second one; that is harmless, since a
    /// health check only reads.
    /// </summary>
    public async Task<ServerTask> StartAsync(IReadOnlyList<string> machineIds, CancellationToken cancellationToken = default)
    {
        if (machineIds.Count == 0)
        {
            throw new ArgumentException("Name at least one machine to check; an empty list would check the whole space.", nameof(machineIds));
        }

        var space = await _client.SpaceAsync(cancellationToken);
        var link = UriTemplate.Expand(space.Links.Require("Tasks"), new Dictionary<string, object?>());
        var options = _client.Options;
        var body = new HealthCheckTaskBody(
            space.Space.Id,
            "Health",
            "Health check",
            new HealthCheckArguments(
                Duration(options.HealthCheckTimeout), Duration(options.HealthCheckMachineTimeout), null, null, null, machineIds));
        var request = _client.Transport.Describe(HttpMethod.Post, link);
        var answer = await _client.Transport.SendAsync(request, System.Text.Json.JsonSerializer.Serialize(body, OctopusJson.Options), cancellationToken);
        return OctopusJson.Parse<TaskDocument>(request, answer).ToTask();
    }

    /// <summary>Polls the task every <see cref="OctopusClientOptions.TaskPollInterval"/> until it is done or the deadline passes.</summary>
    public async Task<HealthCheckResult> WaitAsync(
        ServerTask task, IReadOnlyList<string> machineIds, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var link = $"api/tasks/{Uri.EscapeDataString(task.Id)}";
        var current = task;
        while (!current.IsCompleted)
        {
            var remaining = deadline - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                return new HealthCheckResult(current, DeadlineReached: true, await HealthOfAsync(machineIds, cancellationToken));
            }

            await Task.Delay(remaining < _client.Options.TaskPollInterval ? remaining : _client.Options.TaskPollInterval, cancellationToken);
            var polled = await _client.Transport.GetAsync<TaskDocument>(link, cancellationToken);
            current = polled.ToTask();
            link = new ResourceLinks(polled.Links, $"task {task.Id}", _client.ServerUrl).Find("Self") ?? link;
        }

        return new HealthCheckResult(current, DeadlineReached: false, await HealthOfAsync(machineIds, cancellationToken));
    }

    private async Task<IReadOnlyList<MachineHealth>> HealthOfAsync(IReadOnlyList<string> machineIds, CancellationToken cancellationToken)
    {
        var health = new List<MachineHealth>();
        foreach (var id in machineIds)
        {
            if (await _client.Machines.GetAsync(id, cancellationToken) is { } machine)
            {
                health.Add(new MachineHealth(machine.Id, machine.Name, machine.HealthStatus ?? "Unknown", machine.StatusSummary ?? ""));
            }
        }

        return health;
    }

    private static string Duration(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
