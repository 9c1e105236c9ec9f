using Coordinator.Actors.Admin;
using Coordinator.Actors.Iis;
using Coordinator.Actors.Machines;
using Coordinator.Bootstrap.Identity;
using Coordinator.Bootstrap.Iis;
using Coordinator.Bootstrap.Octopus;
using Coordinator.Bootstrap.Preflight;
using Coordinator.Bootstrap.Steps;
using Coordinator.HostAccess;
using Coordinator.Octopus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coordinator.Bootstrap.Hosting;

/// <summary>How the bootstrap adapter reaches hosts and Octopus.</summary>
/// <param name="DataDirectory">Where the certificate key file lives (unless <c>COORD_CERTIFICATE_KEY</c> is set).</param>
public sealed record BootstrapAdapterOptions(string DataDirectory, HostAccessOptions HostAccess, OctopusClientOptions Octopus);

public static class BootstrapServiceCollectionExtensions
{
    /// <summary>
    /// Registers the real step runner, the run preflight and the certificate issuer for
    /// <c>WithCoordinatorActors</c> to find. Hosts are reached over SSH unless an <see cref="IHostSessions"/> and an
    /// <see cref="ITentacleListenerCheck"/> are registered first (the benchmark's simulated transport does that).
    /// </summary>
    public static IServiceCollection AddCoordinatorBootstrap(this IServiceCollection services, BootstrapAdapterOptions options)
    {
        services.AddSingleton(new RetainedIdentityVault(options.DataDirectory));
        services.AddSingleton<ICertificateIssuer>(provider => provider.GetRequiredService<RetainedIdentityVault>());
        services.AddSingleton(provider => new OctopusConnections(options.Octopus, provider.GetService<ILoggerFactory>()));
        services.AddSingleton<IHostKeyStore, JournalHostKeyStore>();
        if (services.All(s => s.ServiceType != typeof(IHostSessions)))
        {
            services.AddSingleton<IHostSessions>(provider => new SshHostSessions(
                provider.GetRequiredService<IHostKeyStore>(), options.HostAccess, provider.GetService<ILogger<SshHostSessions>>()));
        }

        if (services.All(s => s.ServiceType != typeof(ITentacleListenerCheck)))
        {
            services.AddSingleton<ITentacleListenerCheck, TlsListenerCheck>();
        }

        services.AddSingleton<IBootstrapStepRunner, TentacleStepRunner>();

        // IIS writes get connections of their own (see HostIisOperationRunner), always over SSH.
        services.AddSingleton<IIisOperationRunner>(provider => new HostIisOperationRunner(new SshHostSessions(
            provider.GetRequiredService<IHostKeyStore>(), options.HostAccess, provider.GetService<ILogger<SshHostSessions>>())));
        services.AddSingleton<IRunPreflight, RunPreflight>();
        return services;
    }
}
