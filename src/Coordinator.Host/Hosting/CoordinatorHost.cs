using Akka.Hosting;
using Coordinator.Actors;
using Coordinator.Actors.Bootstrap;
using Coordinator.Actors.Iis;
using Coordinator.Actors.Machines;
using Coordinator.Actors.Hosting;
using Coordinator.Bootstrap.Hosting;
using Coordinator.HostAccess;
using Coordinator.Octopus;
using Coordinator.Host.Configuration;
using Coordinator.Host.Logging;
using Coordinator.Host.Persistence;
using Coordinator.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Coordinator.Host.Hosting;

/// <summary>The whole host, composed once for the process and for in-process tests alike.</summary>
public static class CoordinatorHost
{
    /// <summary>
    /// A host whose start prepares the store, starts the actor system (remoting, persistence, the coordinator's
    /// actors) and completes <see cref="CoordinatorReadiness"/>; stopping it runs CoordinatedShutdown.
    /// Disposing it flushes the logs.
    /// </summary>
    /// <param name="configureServices">
    /// Runs before the coordinator's own registrations: a service registered here replaces the default one
    /// where the default is optional (the benchmark's simulated <c>IHostSessions</c>, for example).
    /// </param>
    public static IHost Build(CoordinatorSettings settings, Action<IServiceCollection>? configureServices = null)
    {
        var store = StoreDescription.Of(settings);
        var node = new NodeInfo(CoordinatorVersion.Current, DateTimeOffset.UtcNow, store.Kind, store.Location);

        return new HostBuilder()
            .UseSerilog(CoordinatorLogger.Create(settings.Logging), dispose: true)
            .ConfigureServices(services =>
            {
                configureServices?.Invoke(services);
                services.AddSingleton(settings);
                services.AddSingleton<CoordinatorReadiness>();
                services.AddCoordinatorBootstrap(new BootstrapAdapterOptions(
                    settings.DataDirectory,
                    new HostAccessOptions
                    {
                        WindowsPaths = settings.WindowsSftpDriveRoots.Count == 0
                            ? WindowsSftpPaths.OpenSshForWindows
                            : WindowsSftpPaths.WithDriveRoots(settings.WindowsSftpDriveRoots),
                    },
                    new OctopusClientOptions { TaskPollInterval = settings.OctopusTaskPollInterval }));

                // Hosted services start in registration order: these must run before Akka.Hosting's.
                if (settings.Store == StoreKind.Sqlite)
                {
                    services.AddHostedService<SqliteWriteAheadLog>();
                }

                services.AddHostedService<ActorSystemStartup>();
                services.AddAkka(CoordinatorAddress.SystemName, (builder, provider) => builder
                    .WithCoordinatorConfiguration(settings)
                    .WithCoordinatorLogging(settings.Logging)
                    .WithCoordinatorRemoting(settings)
                    .WithCoordinatorPersistence(settings)
                    .WithCoordinatorSerialization()
                    .WithCoordinatorActors(
                        node,
                        MachineActorSettings.Default with
                        {
                            Bootstrap = BootstrapPolicy.Default with { StepTimeout = settings.StepTimeout, MaxAttempts = settings.StepAttempts },
                            Iis = IisGatePolicy.Default with { AttemptLimit = settings.IisAttemptTimeout, MaxAttempts = settings.IisAttempts },
                        },
                        new BootstrapSupervisorSettings(settings.BootstrapMaxParallel))
                    .AddStartup((system, _) => provider.GetRequiredService<CoordinatorReadiness>().Announce(system, store)));
            })
            .Build();
    }
}
