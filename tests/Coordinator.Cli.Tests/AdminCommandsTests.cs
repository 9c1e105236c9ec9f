using System.Text.Json;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;
using static Coordinator.Protocol.Admin.AdminMessages;

namespace Coordinator.Cli.Tests;

/// <summary><c>coord ping</c> and <c>coord status</c> over Akka.Remote against a stand-in admin actor.</summary>
public sealed class AdminCommandsTests
{
    private static readonly Pong Pong = new(
        "0.1.0", DateTimeOffset.UtcNow.AddMinutes(-5), TimeSpan.FromMinutes(5), "sqlite", "coordinator.db", "akka.tcp://coordinator@127.0.0.1:4053");

    private static readonly FleetStatus Fleet = new(
    [
        new MachineSummary("web-01", "staging", MachineStatus.Ready, DateTimeOffset.UtcNow, null),
    ]);

    private static object? Answer(object request) => request switch
    {
        Ping => Pong,
        GetFleetStatus => Fleet,
        _ => null,
    };

    [Fact]
    public async Task Ping_prints_the_coordinators_pong_as_json()
    {
        await using var coordinator = StandInCoordinator.Start(Answer);
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["ping", "--json", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.Ok, exitCode);
        Assert.Equal("", captured.Error);
        using var document = JsonDocument.Parse(captured.Out);
        Assert.Equal("0.1.0", document.RootElement.GetProperty("version").GetString());
        Assert.Equal("sqlite", document.RootElement.GetProperty("storeKind").GetString());
    }

    [Fact]
    public async Task Status_prints_the_fleet_table()
    {
        await using var coordinator = StandInCoordinator.Start(Answer);
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["status", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.Ok, exitCode);
        Assert.Equal("", captured.Error);
        Assert.Contains("web-01", captured.Out);
        Assert.Contains("ready", captured.Out);
    }

    [Fact]
    public async Task A_refused_request_exits_with_operation_failed_and_the_reason()
    {
        await using var coordinator = StandInCoordinator.Start(_ => new RequestFailed("fleet directory is recovering"));
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["status", "--json", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.OperationFailed, exitCode);
        Assert.Equal("", captured.Out);
        Assert.Equal($"coord: the coordinator at {coordinator.Endpoint} refused: fleet directory is recovering", captured.Error.TrimEnd());
    }

    [Fact]
    public async Task A_coordinator_that_never_answers_is_a_connection_error_after_the_timeout()
    {
        await using var coordinator = StandInCoordinator.Start(_ => null);
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(
            ["ping", "--timeout", "500ms", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Equal("", captured.Out);
        var line = Assert.Single(captured.Error.TrimEnd().Split('\n'));
        Assert.StartsWith($"coord: {coordinator.Endpoint} accepted a connection but no coordinator answered within 500ms.", line);
    }
}
