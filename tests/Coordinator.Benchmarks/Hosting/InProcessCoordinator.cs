using Akka.Actor;
using Akka.Hosting;
using Coordinator.Actors.Hosting;
using Coordinator.Benchmarks.Simulation;
using Coordinator.Bootstrap.Steps;
using Coordinator.Host.Configuration;
using Coordinator.Host.Hosting;
using Coordinator.HostAccess;
using Coordinator.Protocol.Admin;
using Coordinator.Protocol.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Events;

namespace Coordinator.Benchmarks.Hosting;

/// <summary>
/// The real coordinator host (<see cref="CoordinatorHost.Build"/>) in this process, reaching its hosts through the
/// simulated transport instead of SSH and TLS; driven through its admin actor like <c>coord</c> drives it.
/// </summary>
public sealed class InProcessCoordinator : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);

    private readonly IHost _host;
    private readonly IActorRef _admin;

    private InProcessCoordinator(IHost host, IActorRef admin, CoordinatorSettings settings)
    {
        _host = host;
        _admin = admin;
        Settings = settings;
    }

    public CoordinatorSettings Settings { get; }

    public string LogDirectory => Settings.Logging.FileDirectory;

    /// <summary>The coordinator's actor system, for measuring its journal on its own.</summary>
    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    /// <param name="maxParallel">The global limit; the benchmark sets it to the fleet's size, i.e. no limit.</param>
    /// <param name="taskPollInterval">How often health checks are polled: low, so polling does not dominate a host's path.</param>
    public static async Task<InProcessCoordinator> StartAsync(
        string dataDirectory, int maxParallel, TimeSpan taskPollInterval, SimulatedFleet fleet, CancellationToken cancellationToken)
    {
        var settings = new CoordinatorSettings
        {
            DataDirectory = dataDirectory,
            RemoteHostname = "127.0.0.1",
            RemotePort = 0,
            Store = StoreKind.Sqlite,
            PostgresConnectionString = "",
            // Warnings and errors only, so a thousand hosts do not flood the console; the file keeps them for --keep-data.
            Logging = new LoggingSettings(
                LogEventLevel.Warning, LogEventLevel.Warning, LogEventLevel.Warning, FileEnabled: true, Path.Combine(dataDirectory, "logs"), RetainedFiles: 1),
            BootstrapMaxParallel = maxParallel,
            OctopusTaskPollInterval = taskPollInterval,
        };

        // Registered first, so the coordinator's bootstrap adapter keeps these instead of SSH and the TLS check.
        var host = CoordinatorHost.Build(settings, services => services
            .AddSingleton<IHostSessions>(new SimulatedHostSessions(fleet))
            .AddSingleton<ITentacleListenerCheck>(new SimulatedListenerCheck(fleet)));
        try
        {
            await host.StartAsync(cancellationToken);
            await host.Services.GetRequiredService<CoordinatorReadiness>().WhenReady.WaitAsync(cancellationToken);
            var admin = await host.Services.GetRequiredService<IRequiredActor<AdminEndpointKey>>().GetAsync(cancellationToken);
            return new InProcessCoordinator(host, admin, settings);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Sends <c>StartRun</c> as <c>coord bootstrap</c> does; the preflight runs before it is accepted.</summary>
    /// <exception cref="BenchmarkFailedException">The coordinator refused the run.</exception>
    public async Task StartRunAsync(string runId, IReadOnlyList<RunHost> hosts, CancellationToken cancellationToken)
    {
        var reply = await _admin.Ask<object>(new FleetCommands.StartRun(runId, hosts, RunOptions.Default), AskTimeout, cancellationToken);
        if (reply is not FleetCommands.RunAccepted)
        {
            throw new BenchmarkFailedException($"the coordinator did not accept run {runId}: {Describe(reply)}");
        }
    }

    public async Task<FleetCommands.RunProgress> ProgressAsync(string runId, CancellationToken cancellationToken)
    {
        var reply = await _admin.Ask<object>(new FleetCommands.GetRunProgress(runId), AskTimeout, cancellationToken);
        return reply as FleetCommands.RunProgress
            ?? throw new BenchmarkFailedException($"the coordinator did not report run {runId}: {Describe(reply)}");
    }

    /// <summary>Cancels a run as <c>coord cancel</c> does: no more hosts start, hosts in flight stop after their step.</summary>
    public async Task CancelRunAsync(string runId, CancellationToken cancellationToken)
    {
        var reply = await _admin.Ask<object>(new FleetCommands.CancelRun(runId), AskTimeout, cancellationToken);
        if (reply is not RunSummary)
        {
            throw new BenchmarkFailedException($"the coordinator did not cancel run {runId}: {Describe(reply)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(StopTimeout);
        try
        {
            await _host.StopAsync(stopping.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }

    private static string Describe(object reply) => reply is AdminMessages.RequestFailed failed ? failed.Reason : reply.ToString() ?? "no answer";
}
