using System.Text.Json;
using Coordinator.IntegrationTests.Harness;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;

namespace Coordinator.IntegrationTests.Persistence;

/// <summary>
/// Events persisted by one host process are recovered by the next, on a real SQLite file and a real PostgreSQL
/// server. The first process is killed with SIGKILL, so nothing is flushed on the way out.
/// </summary>
public sealed class RecoveryAcrossProcessesTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("coord-recovery-").FullName;

    [Fact]
    public async Task Sqlite_store_recovers_the_fleet_and_each_machine_after_a_crash()
    {
        await EnrollCrashAndRecover(new Dictionary<string, string?>());

        // Actors log through Akka's bridge into Serilog with named properties that tools can query.
        var events = Directory.GetFiles(Path.Combine(_dataDirectory, "logs"), "*.clef")
            .SelectMany(File.ReadAllLines)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        Assert.Contains(events, e =>
            e.TryGetProperty("Host", out var host) && host.GetString() == "web-01"
            && e.TryGetProperty("Environment", out var environment) && environment.GetString() == "Production");
    }

    [Fact]
    public async Task Postgres_store_recovers_the_fleet_and_each_machine_after_a_crash()
    {
        await using var database = await ThrowawayPostgresDatabase.CreateAsync();
        var seen = await EnrollCrashAndRecover(new Dictionary<string, string?>
        {
            ["COORD_STORE"] = "postgres",
            ["COORD_POSTGRES_CONNECTION_STRING"] = database.ConnectionString,
        });
        Assert.True(await database.CountRowsAsync() > 0, "the journal rows live in PostgreSQL");

        // The store's password is a secret: not in ping's answer, the console, or the log files.
        Assert.False(string.IsNullOrEmpty(database.Password), "the test server must use a password for this check to mean anything");
        var logs = Directory.GetFiles(Path.Combine(_dataDirectory, "logs")).Select(File.ReadAllText);
        Assert.All(logs.Append(seen), text => Assert.DoesNotContain(database.Password, text));
    }

    /// <returns>Everything the host processes and the CLI printed, for secrecy checks.</returns>
    private async Task<string> EnrollCrashAndRecover(IReadOnlyDictionary<string, string?> store)
    {
        MachineState enrolled;
        string firstOutput;
        await using (var first = await HostProcess.StartAsync(_dataDirectory, store))
        {
            await using (var admin = RemoteAdmin.Connect(first.Port))
            {
                enrolled = await admin.AskAsync<MachineState>(new FleetCommands.Enroll("web-01", "Production", "10.20.0.1"));
                await admin.AskAsync<MachineState>(new FleetCommands.Enroll("db-01", "Production", "10.20.0.2"));
            }

            await first.CrashAsync();
            firstOutput = first.Output;
        }

        await using var second = await HostProcess.StartAsync(_dataDirectory, store);

        var status = await second.Cli.RunAsync("status", "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        var hosts = JsonDocument.Parse(status.StandardOutput).RootElement.EnumerateArray()
            .Select(m => m.EnumerateObject().First(p => p.NameEquals("host") || p.NameEquals("Host")).Value.GetString())
            .ToList();
        Assert.Equal(["db-01", "web-01"], hosts.Order());

        // The machine actor recovered too: enrolling with the same details is a no-op that keeps the first time.
        await using var admin2 = RemoteAdmin.Connect(second.Port);
        var again = await admin2.AskAsync<MachineState>(new FleetCommands.Enroll("web-01", "Production", "10.20.0.1"));
        Assert.Equal(enrolled.EnrolledAt, again.EnrolledAt);
        Assert.Equal(enrolled.UpdatedAt, again.UpdatedAt);

        var ping = await second.Cli.RunAsync("ping", "--json");
        Assert.True(ping.ExitCode == 0, ping.ToString());
        return string.Join('\n', firstOutput, second.Output, status.StandardOutput, ping.StandardOutput, ping.StandardError);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
