using Akka.Actor;
using Coordinator.Host.Persistence;
using Microsoft.Extensions.Logging;

namespace Coordinator.Host.Hosting;

/// <summary>Completes, and logs the one "ready" line, once the actor system and the coordinator's actors are up.</summary>
public sealed class CoordinatorReadiness(ILogger<CoordinatorReadiness> log)
{
    private readonly TaskCompletionSource<Address> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The address remoting is bound to (with the actual port when 0 was asked for).</summary>
    public Task<Address> WhenReady => _ready.Task;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    internal void Announce(ActorSystem system, StoreDescription store)
    {
        var address = ((ExtendedActorSystem)system).Provider.DefaultAddress;
        log.LogInformation(
            "Coordinator ready on {Address} (store {StoreKind}: {StoreLocation})",
            address.ToString(), store.Kind, store.Location);
        _ready.TrySetResult(address);
    }
}
