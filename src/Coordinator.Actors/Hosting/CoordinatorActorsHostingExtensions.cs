using Akka.Hosting;
using Coordinator.Actors.Admin;
using Coordinator.Actors.Bootstrap;
using Coordinator.Actors.HostKeys;
using Coordinator.Actors.Iis;
using Coordinator.Actors.Machines;

namespace Coordinator.Actors.Hosting;

/// <summary>Registry key of the machine entity parent (<c>/user/machines</c>).</summary>
public sealed class MachinesKey;

/// <summary>Registry key of the <see cref="BootstrapSupervisor"/> (<c>/user/bootstrap</c>).</summary>
public sealed class BootstrapSupervisorKey;

/// <summary>Registry key of the <see cref="AdminEndpoint"/> (<c>/user/admin</c>).</summary>
public sealed class AdminEndpointKey;

/// <summary>Registry key of the <see cref="HostKeyDirectory"/> (<c>/user/host-keys</c>).</summary>
public sealed class HostKeyDirectoryKey;

/// <summary>Registry key of the <see cref="IisGateDirectory"/> (<c>/user/iis-gates</c>).</summary>
public sealed class IisGateDirectoryKey;

public static class CoordinatorActorsHostingExtensions
{
    public const string MachinesName = "machines";

    /// <summary>
    /// Starts the coordinator's top-level actors: machines, bootstrap supervisor, host keys, IIS gate directory and
    /// admin endpoint. Machines run their steps through the <see cref="IBootstrapStepRunner"/>, their IIS writes through
    /// the <see cref="IIisOperationRunner"/> and keep their identity through the <see cref="ICertificateIssuer"/>
    /// registered in the service provider; the admin endpoint checks runs with its <see cref="IRunPreflight"/>, when
    /// one is registered.
    /// </summary>
    public static AkkaConfigurationBuilder WithCoordinatorActors(
        this AkkaConfigurationBuilder builder,
        NodeInfo node,
        MachineActorSettings? machineSettings = null,
        BootstrapSupervisorSettings? supervisorSettings = null)
    {
        var settings = machineSettings ?? MachineActorSettings.Default;
        return builder.WithActors((system, registry, resolver) =>
        {
            var runner = resolver.GetService<IBootstrapStepRunner>() ?? new StepRunnerNotConfigured();
            var iisRunner = resolver.GetService<IIisOperationRunner>() ?? new IisRunnerNotConfigured();
            var issuer = resolver.GetService<ICertificateIssuer>()
                ?? throw new InvalidOperationException($"Register an {nameof(ICertificateIssuer)}: machines cannot keep an identity without one.");
            var machines = system.ActorOf(
                MachineEntityParent.Props(new MachineMessageExtractor(), host => MachineActor.Props(host, settings, runner, issuer, iisRunner)),
                MachinesName);
            registry.Register<MachinesKey>(machines);

            var bootstrap = system.ActorOf(BootstrapSupervisor.Props(machines, supervisorSettings ?? BootstrapSupervisorSettings.Default), BootstrapSupervisor.Name);
            registry.Register<BootstrapSupervisorKey>(bootstrap);

            var hostKeys = system.ActorOf(HostKeyDirectory.Props(), HostKeyDirectory.Name);
            registry.Register<HostKeyDirectoryKey>(hostKeys);

            var iisGates = system.ActorOf(IisGateDirectory.Props(machines), IisGateDirectory.Name);
            registry.Register<IisGateDirectoryKey>(iisGates);

            var preflight = resolver.GetService<IRunPreflight>() ?? NoPreflight.Instance;
            registry.Register<AdminEndpointKey>(system.ActorOf(AdminEndpoint.Props(node, bootstrap, hostKeys, iisGates, preflight), AdminEndpoint.Name));
        });
    }
}
