using OctopusServer.Double.State;

namespace OctopusServer.Double.Tentacles;

/// <summary>Runs health check tasks in the background: Queued, then Executing, then Success, Failed, TimedOut or Canceled.</summary>
internal sealed class HealthCheckRunner(OctopusState state, IMachineHealthCheck check) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<Task> _running = [];

    public ServerTaskRecord Start(string spaceId, string description, HealthCheckArguments arguments, IReadOnlyList<MachineRecord> machines)
    {
        var task = state.QueueHealthCheck(spaceId, description, arguments);
        var run = Task.Run(() => RunAsync(task.Id, arguments, machines));
        lock (_gate)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(run);
        }

        return task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running);
        _stopping.Dispose();
    }

    private async Task RunAsync(string taskId, HealthCheckArguments arguments, IReadOnlyList<MachineRecord> machines)
    {
        try
        {
            state.StartTask(taskId);
            using var overall = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            overall.CancelAfter(arguments.Timeout);
            var results = await Task.WhenAll(machines.Select(m => CheckAsync(taskId, m, arguments.MachineTimeout, overall.Token)));
            var failures = results.Where(r => !r.Health.IsHealthy).ToList();
            if (_stopping.IsCancellationRequested)
            {
                state.CompleteTask(taskId, TaskStates.Canceled, "The server stopped before the health check finished.");
            }
            else if (overall.IsCancellationRequested)
            {
                state.CompleteTask(taskId, TaskStates.TimedOut, $"The health check did not finish within {arguments.Timeout:c}.");
            }
            else if (failures.Count > 0)
            {
                var lines = failures.Select(f => $"{f.Machine.Name}: {f.Health.Summary}");
                state.CompleteTask(
                    taskId,
                    TaskStates.Failed,
                    $"The health check failed for {failures.Count} of {results.Length} machines.\n" + string.Join('\n', lines));
            }
            else
            {
                state.CompleteTask(taskId, TaskStates.Success, errorMessage: null);
            }
        }
        catch (Exception e)
        {
            state.CompleteTask(taskId, TaskStates.Failed, $"The health check crashed: {e.Message}");
        }
    }

    private async Task<(MachineRecord Machine, MachineHealth Health)> CheckAsync(
        string taskId, MachineRecord machine, TimeSpan machineTimeout, CancellationToken cancellationToken)
    {
        state.AppendTaskLog(taskId, $"Checking {machine.Name} at {machine.Endpoint.Uri}");
        var health = await check.CheckAsync(machine, machineTimeout, cancellationToken);
        state.SetMachineHealth(machine.Id, health.HealthStatus, health.Summary);
        state.AppendTaskLog(taskId, $"{machine.Name}: {health.HealthStatus}. {health.Summary}");
        return (machine, health);
    }
}
