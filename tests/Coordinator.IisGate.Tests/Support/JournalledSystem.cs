using Akka.Actor;
using Akka.Hosting;
using Coordinator.Host.Configuration;
using Coordinator.Host.Hosting;
using Coordinator.Host.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Events;

namespace Coordinator.IisGateTests.Support;

/// <summary>
/// An actor system with the coordinator's own journal: the host's persistence and serialization composition
/// (<see cref="CoordinatorAkkaConfiguration"/>) on a SQLite file switched to write-ahead logging as the host does it,
/// without the coordinator's actors, so the test's gate is the only one using its persistence id.
/// </summary>
public sealed class JournalledSystem : IAsyncDisposable
{
    private readonly IHost _host;

    private JournalledSystem(IHost host) => _host = host;

    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    public static async Task<JournalledSystem> StartAsync(string dataDirectory)
    {
        var settings = new CoordinatorSettings
        {
            DataDirectory = dataDirectory,
            RemoteHostname = "127.0.0.1",
            RemotePort = 0,
            Store = StoreKind.Sqlite,
            PostgresConnectionString = "",
            Logging = new LoggingSettings(LogEventLevel.Warning, LogEventLevel.Warning, LogEventLevel.Warning, FileEnabled: false, dataDirectory, 1),
        };
        var host = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddSingleton(settings);
                // Before Akka.Hosting's own service, as in the host: the file is in WAL mode before the journal opens it.
                services.AddHostedService<SqliteWriteAheadLog>();
                services.AddAkka("iis-gate-restart", (builder, _) => builder
                    .WithCoordinatorPersistence(settings)
                    .WithCoordinatorSerialization());
            })
            .Build();
        try
        {
            await host.StartAsync();
            _ = host.Services.GetRequiredService<ActorSystem>();
            return new JournalledSystem(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Ends the actor system at once, as a crash would: no handover, whatever was in flight is cut off.</summary>
    public Task CrashAsync() => System.Terminate();

    public async ValueTask DisposeAsync()
    {
        await System.Terminate();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _host.StopAsync(stopping.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
