using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Persistence;
using Coordinator.Host.Configuration;
using Coordinator.Host.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Coordinator.Tests.Configuration;

/// <summary>The production composition started in-process on a temp SQLite store and a free loopback port.</summary>
public sealed class CoordinatorHostTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_host_starts_remoting_on_loopback_and_the_sqlite_journal_then_stops_cleanly()
    {
        var configFile = _directory.Write("coordinator.conf", "akka.persistence.journal.sql.buffer-size = 12345");
        var settings = await SettingsAsync(configFile);
        using var host = CoordinatorHost.Build(settings);

        await host.StartAsync().WaitAsync(Bound);
        var address = await host.Services.GetRequiredService<CoordinatorReadiness>().WhenReady.WaitAsync(Bound);
        var system = host.Services.GetRequiredService<ActorSystem>();

        Assert.Equal("akka.tcp", address.Protocol);
        Assert.Equal("coordinator", address.System);
        Assert.Equal("127.0.0.1", address.Host);
        Assert.InRange(address.Port ?? 0, 1, 65535);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, address.Port!.Value).WaitAsync(Bound);
        }

        var config = system.Settings.Config;
        Assert.True(config.GetBoolean("akka.remote.untrusted-mode"));
        Assert.Equal(["/user/admin"], config.GetStringList("akka.remote.trusted-selection-paths"));
        Assert.Equal("akka.persistence.journal.sql", config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("akka.persistence.snapshot-store.sql", config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal("read-uncommitted", config.GetString("akka.persistence.snapshot-store.sql.read-isolation-level"));
        Assert.Equal(12345, config.GetInt("akka.persistence.journal.sql.buffer-size"));
        Assert.Equal("coordinator",
            config.GetString("akka.actor.serialization-bindings.\"Coordinator.Protocol.ICoordinatorMessage, Coordinator.Protocol\""));

        await PersistAndRecoverAsync(system);
        Assert.Equal("wal", await JournalModeAsync(settings.SqliteDatabasePath));

        await host.StopAsync().WaitAsync(Bound);
        Assert.True(system.WhenTerminated.IsCompleted, "stopping the host terminates the actor system");
        host.Dispose();

        var logFile = Assert.Single(Directory.GetFiles(settings.Logging.FileDirectory, "coordinator-*.clef"));
        var readyLine = Assert.Single(File.ReadAllLines(logFile), line => line.Contains("Coordinator ready on", StringComparison.Ordinal));
        Assert.Contains($"\"Address\":\"{address}\"", readyLine);
        Assert.Contains($"\"StoreLocation\":\"{settings.SqliteDatabasePath}\"", readyLine);
    }

    [Fact]
    public async Task A_remote_port_taken_after_the_probe_fails_the_start_with_the_same_configuration_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var settings = (await SettingsAsync()) with { RemotePort = port };
        using var host = CoordinatorHost.Build(settings);

        var error = await Assert.ThrowsAsync<CoordinatorConfigurationException>(() => host.StartAsync().WaitAsync(Bound));

        Assert.StartsWith($"remote endpoint 127.0.0.1:{port} is already in use", error.Message);
        Assert.Contains("COORD_REMOTE_PORT", error.Message);
    }

    [Fact]
    public async Task An_actor_system_that_terminates_on_its_own_stops_the_host()
    {
        var settings = await SettingsAsync();
        using var host = CoordinatorHost.Build(settings);
        await host.StartAsync().WaitAsync(Bound);
        await host.Services.GetRequiredService<CoordinatorReadiness>().WhenReady.WaitAsync(Bound);
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());

        await host.Services.GetRequiredService<ActorSystem>().Terminate().WaitAsync(Bound);

        await stopping.Task.WaitAsync(Bound);
        await host.StopAsync().WaitAsync(Bound);
    }

    private async Task<CoordinatorSettings> SettingsAsync(string? configFile = null)
    {
        var loaded = await CoordinatorSettingsLoader.LoadAsync(
            configFile, new Dictionary<string, string> { ["COORD_DATA_DIR"] = "data" }, _directory.Path);
        return loaded.Settings with { RemotePort = 0 };
    }

    private static async Task PersistAndRecoverAsync(ActorSystem system)
    {
        var persistenceId = "smoke-" + Guid.NewGuid().ToString("N");
        var writer = system.ActorOf(Props.Create(() => new Notebook(persistenceId)));
        Assert.Equal("first note", await writer.Ask<string>("first note", Bound));
        await writer.GracefulStop(Bound);

        var reader = system.ActorOf(Props.Create(() => new Notebook(persistenceId)));
        Assert.Equal(["first note"], await reader.Ask<string[]>(Notebook.Read.Instance, Bound));
    }

    private static async Task<string?> JournalModeAsync(string databasePath)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        return (string?)await command.ExecuteScalarAsync();
    }

    /// <summary>Persists strings and replays them: proves the journal is configured end to end.</summary>
    private sealed class Notebook : ReceivePersistentActor
    {
        private readonly List<string> _notes = [];

        public Notebook(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<string>(_notes.Add);
            Command<string>(note => Persist(note, persisted =>
            {
                _notes.Add(persisted);
                Sender.Tell(persisted);
            }));
            Command<Read>(_ => Sender.Tell(_notes.ToArray()));
        }

        public override string PersistenceId { get; }

        public sealed class Read
        {
            public static readonly Read Instance = new();
        }
    }
}
