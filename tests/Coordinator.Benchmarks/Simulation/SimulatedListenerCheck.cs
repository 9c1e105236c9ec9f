using System.Net.Sockets;
using Coordinator.Bootstrap.Steps;

namespace Coordinator.Benchmarks.Simulation;

/// <summary>The verify step's TLS handshake, simulated: the host presents the certificate its import step received.</summary>
public sealed class SimulatedListenerCheck(SimulatedFleet fleet) : ITentacleListenerCheck
{
    public async Task<string> PresentedThumbprintAsync(string address, int port, CancellationToken cancellationToken)
    {
        await fleet.DelayAsync(cancellationToken);
        // A host that never received a certificate runs no Tentacle: refused, as the real check would be.
        return fleet.PresentedAt(address) ?? throw new SocketException((int)SocketError.ConnectionRefused);
    }
}
