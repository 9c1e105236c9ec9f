using System.Collections.Concurrent;
using Coordinator.HostAccess;

namespace Coordinator.Benchmarks.Simulation;

/// <summary>The coordinator's connection pool, simulated: one <see cref="SimulatedHostSession"/> per host name.</summary>
public sealed class SimulatedHostSessions(SimulatedFleet fleet) : IHostSessions
{
    private readonly ConcurrentDictionary<string, SimulatedHostSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>Sessions not closed yet: the coordinator closes each host's when its run ends.</summary>
    public int Open => _sessions.Count;

    public IHostSession For(HostEndpoint host) => _sessions.AddOrUpdate(
        host.Name,
        _ => new SimulatedHostSession(host, fleet),
        (_, existing) => existing.Host == host ? existing : new SimulatedHostSession(host, fleet));

    public ValueTask CloseAsync(string hostName)
    {
        _sessions.TryRemove(hostName, out _);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _sessions.Clear();
        return ValueTask.CompletedTask;
    }
}
