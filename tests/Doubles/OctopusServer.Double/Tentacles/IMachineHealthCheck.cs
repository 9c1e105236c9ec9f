using OctopusServer.Double.State;

namespace OctopusServer.Double.Tentacles;

/// <summary>Judges one machine's health for a health check task.</summary>
internal interface IMachineHealthCheck
{
    Task<MachineHealth> CheckAsync(MachineRecord machine, TimeSpan machineTimeout, CancellationToken cancellationToken);
}
