using OctopusServer.Double.Resources;

namespace OctopusServer.Double.State;

/// <summary>
/// Everything the server knows, in memory. Every read returns an immutable snapshot so tests can
/// inspect state while requests and health checks change it.
/// </summary>
public sealed class OctopusState
{
    public const string DefaultSpaceId = "Spaces-1";
    public const string DefaultMachinePolicyId = "MachinePolicies-1";
    public const string NewMachineSummary = "This machine was recently added. Please perform a health check.";

    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, int> _lastIds = [];
    private readonly List<SpaceRecord> _spaces = [];
    private readonly List<EnvironmentRecord> _environments = [];
    private readonly List<MachinePolicyRecord> _policies = [];
    private readonly List<MachineRecord> _machines = [];
    private readonly List<ServerTaskRecord> _tasks = [];

    public OctopusState(TimeProvider clock)
    {
        _clock = clock;
        _spaces.Add(new SpaceRecord(NextId("Spaces"), "Default", "default", IsDefault: true));
        _policies.Add(new MachinePolicyRecord(
            NextId("MachinePolicies"), DefaultSpaceId, "Default Machine Policy", IsDefault: true, "DoNotDelete", TimeSpan.FromHours(1)));
    }

    public IReadOnlyList<SpaceRecord> Spaces => Snapshot(_spaces);

    public IReadOnlyList<EnvironmentRecord> Environments => Snapshot(_environments);

    public IReadOnlyList<MachinePolicyRecord> MachinePolicies => Snapshot(_policies);

    public IReadOnlyList<MachineRecord> Machines => Snapshot(_machines);

    public IReadOnlyList<ServerTaskRecord> Tasks => Snapshot(_tasks);

    public SpaceRecord? FindSpace(string spaceId) =>
        Find(_spaces, s => string.Equals(s.Id, spaceId, StringComparison.OrdinalIgnoreCase));

    public MachineRecord? FindMachine(string machineId) => Find(_machines, m => m.Id == machineId);

    public ServerTaskRecord? FindTask(string taskId) => Find(_tasks, t => t.Id == taskId);

    public EnvironmentRecord AddEnvironment(string name, string spaceId = DefaultSpaceId)
    {
        lock (_gate)
        {
            var sortOrder = _environments.Count(e => e.SpaceId == spaceId);
            var environment = new EnvironmentRecord(NextId("Environments"), spaceId, name, Slugs.From(name), "", sortOrder);
            _environments.Add(environment);
            return environment;
        }
    }

    public MachinePolicyRecord AddMachinePolicy(
        string name, string deleteMachinesBehavior = "DoNotDelete", string spaceId = DefaultSpaceId)
    {
        lock (_gate)
        {
            var policy = new MachinePolicyRecord(
                NextId("MachinePolicies"), spaceId, name, IsDefault: false, deleteMachinesBehavior, TimeSpan.FromHours(1));
            _policies.Add(policy);
            return policy;
        }
    }

    public MachineWrite CreateMachine(MachineBody body, string spaceId = DefaultSpaceId)
    {
        lock (_gate)
        {
            var errors = Validate(body, existing: null, spaceId);
            if (errors.Count > 0)
            {
                return MachineWrite.Invalid(errors);
            }

            var endpoint = ToEndpoint(body.Endpoint!, NextId("Endpoints"));
            var machine = Apply(body, NextId("Machines"), spaceId, endpoint) with
            {
                HealthStatus = HealthStatuses.Unknown,
                StatusSummary = NewMachineSummary,
            };
            _machines.Add(machine);
            return MachineWrite.Saved(machine);
        }
    }

    /// <summary>Replaces the writable fields, as a PUT of the whole resource does; health is kept.</summary>
    public MachineWrite UpdateMachine(string machineId, MachineBody body, string spaceId = DefaultSpaceId)
    {
        lock (_gate)
        {
            var index = _machines.FindIndex(m => m.Id == machineId && m.SpaceId == spaceId);
            if (index < 0)
            {
                return MachineWrite.Missing;
            }

            var existing = _machines[index];
            var errors = Validate(body, existing, spaceId);
            if (errors.Count > 0)
            {
                return MachineWrite.Invalid(errors);
            }

            var machine = Apply(body, existing.Id, spaceId, ToEndpoint(body.Endpoint!, existing.Endpoint.Id)) with
            {
                HealthStatus = existing.HealthStatus,
                StatusSummary = existing.StatusSummary,
            };
            _machines[index] = machine;
            return MachineWrite.Saved(machine);
        }
    }

    public bool DeleteMachine(string machineId, string spaceId = DefaultSpaceId)
    {
        lock (_gate)
        {
            return _machines.RemoveAll(m => m.Id == machineId && m.SpaceId == spaceId) > 0;
        }
    }

    /// <summary>Records a health check result; a machine deleted meanwhile is left deleted.</summary>
    public void SetMachineHealth(string machineId, string healthStatus, string statusSummary)
    {
        lock (_gate)
        {
            var index = _machines.FindIndex(m => m.Id == machineId);
            if (index >= 0)
            {
                _machines[index] = _machines[index] with { HealthStatus = healthStatus, StatusSummary = statusSummary };
            }
        }
    }

    internal ServerTaskRecord QueueHealthCheck(string spaceId, string description, HealthCheckArguments arguments)
    {
        lock (_gate)
        {
            var task = new ServerTaskRecord(
                NextId("ServerTasks"), spaceId, "Health", description, TaskStates.Queued, ErrorMessage: null,
                QueueTime: _clock.GetUtcNow(), StartTime: null, CompletedTime: null, arguments, LogLines: []);
            _tasks.Add(task);
            return task;
        }
    }

    internal void StartTask(string taskId) =>
        ChangeTask(taskId, t => t with { State = TaskStates.Executing, StartTime = _clock.GetUtcNow() });

    internal void AppendTaskLog(string taskId, string line) =>
        ChangeTask(taskId, t => t with { LogLines = [.. t.LogLines, line] });

    internal void CompleteTask(string taskId, string state, string? errorMessage) =>
        ChangeTask(taskId, t => t with { State = state, ErrorMessage = errorMessage, CompletedTime = _clock.GetUtcNow() });

    private void ChangeTask(string taskId, Func<ServerTaskRecord, ServerTaskRecord> change)
    {
        lock (_gate)
        {
            var index = _tasks.FindIndex(t => t.Id == taskId);
            _tasks[index] = change(_tasks[index]);
        }
    }

    private List<string> Validate(MachineBody body, MachineRecord? existing, string spaceId) =>
        [.. MachineRules.Validate(
            body,
            existing,
            _machines.Where(m => m.SpaceId == spaceId),
            environmentId => _environments.Any(e => e.Id == environmentId && e.SpaceId == spaceId),
            policyId => _policies.Any(p => p.Id == policyId && p.SpaceId == spaceId))];

    private static MachineEndpoint ToEndpoint(EndpointBody body, string endpointId) =>
        new(endpointId, body.CommunicationStyle!, body.Uri, body.Thumbprint!, body.ProxyId);

    private static MachineRecord Apply(MachineBody body, string machineId, string spaceId, MachineEndpoint endpoint)
    {
        var name = body.Name!.Trim();
        return new MachineRecord(
            machineId,
            spaceId,
            name,
            Slugs.From(name),
            body.EnvironmentIds ?? [],
            body.Roles ?? [],
            body.TenantIds ?? [],
            body.TenantTags ?? [],
            body.TenantedDeploymentParticipation ?? "Untenanted",
            body.MachinePolicyId ?? DefaultMachinePolicyId,
            body.IsDisabled,
            endpoint,
            HealthStatuses.Unknown,
            "");
    }

    private string NextId(string prefix)
    {
        var next = _lastIds.GetValueOrDefault(prefix) + 1;
        _lastIds[prefix] = next;
        return $"{prefix}-{next}";
    }

    private IReadOnlyList<T> Snapshot<T>(List<T> items)
    {
        lock (_gate)
        {
            return [.. items];
        }
    }

    private T? Find<T>(List<T> items, Predicate<T> match)
        where T : class
    {
        lock (_gate)
        {
            return items.Find(match);
        }
    }
}
