using Akka.Actor;
using Coordinator.Host.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coordinator.Host.Hosting;

/// <summary>
/// Creates the actor system ahead of Akka.Hosting's own hosted service, which logs a failed start and stops
/// quietly: here a failure fails <see cref="IHost.StartAsync"/>, and a remote port taken since the probe
/// becomes the same one-line configuration error.
/// </summary>
public sealed class ActorSystemStartup(
    IServiceProvider services, CoordinatorSettings settings, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ActorSystem system;
        try
        {
            system = services.GetRequiredService<ActorSystem>();
        }
        catch (Exception e) when (RemoteEndpointProbe.IsAddressInUse(e))
        {
            throw RemoteEndpointProbe.InUse(settings.RemoteHostname, settings.RemotePort);
        }

        // An actor system that terminates on its own (a fatal error, a shutdown command) must end the process too.
        system.WhenTerminated.ContinueWith(_ => lifetime.StopApplication(), CancellationToken.None,
            TaskContinuationOptions.None, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
