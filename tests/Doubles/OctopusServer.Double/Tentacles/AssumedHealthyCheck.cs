using OctopusServer.Double.State;

namespace OctopusServer.Double.Tentacles;

/// <summary>
/// Calls every machine healthy without contacting it (<see cref="OctopusServerDoubleOptions.AssumeTentaclesHealthy"/>):
/// a benchmark's simulated hosts have no Tentacle to answer, and what it measures is the coordinator, not TLS.
/// </summary>
internal sealed class AssumedHealthyCheck : IMachineHealthCheck
{
    public Task<MachineHealth> CheckAsync(MachineRecord machine, TimeSpan machineTimeout, CancellationToken cancellationToken) =>
        Task.FromResult(new MachineHealth(
            HealthStatuses.Healthy,
            $"The Tentacle at {machine.Endpoint.Uri} is assumed healthy: this server was told not to contact Tentacles."));
}
