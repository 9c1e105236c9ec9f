using System.Text.Json;
using Coordinator.Cli.Output;
using Coordinator.Protocol.Fleet;
using static Coordinator.Protocol.Admin.AdminMessages;

namespace Coordinator.Cli.Tests;

/// <summary><c>coord runs</c> and <c>coord cancel</c>, rendered and over Akka.Remote against a stand-in admin actor.</summary>
public sealed class RunCommandsTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly RunSummary Stopped = new("run-2", RunStatus.Stopped, 10, 3, 3, Started.AddHours(1), Started.AddHours(1.1));
    private static readonly RunSummary Completed = new("run-1", RunStatus.Completed, 5, 5, 0, Started, Started.AddMinutes(4));

    [Fact]
    public void Runs_show_outcome_counts_including_hosts_never_started()
    {
        var captured = new CapturedTerminal();

        new CommandOutput(captured.Terminal, json: false).Show(new RunsView([Stopped, Completed]));

        var stoppedRow = captured.Out.Split('\n').Single(line => line.Contains("run-2"));
        Assert.Contains("stopped", stoppedRow);
        Assert.Equal(["10", "3", "3", "4"], Numbers(stoppedRow).Take(4));
        Assert.Contains("2026-11-23 10:00:00Z", stoppedRow);
        Assert.True(captured.Out.IndexOf("run-2", StringComparison.Ordinal) < captured.Out.IndexOf("run-1", StringComparison.Ordinal));
    }

    [Fact]
    public void No_runs_is_one_friendly_line_and_an_empty_json_array()
    {
        var human = new CapturedTerminal();
        new CommandOutput(human.Terminal, json: false).Show(new RunsView([]));
        Assert.Equal(RunsView.NoRunsMessage, human.Out.Trim());

        var json = new CapturedTerminal();
        new CommandOutput(json.Terminal, json: true).Show(new RunsView([]));
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(json.Out).RootElement.ValueKind);
    }

    [Fact]
    public async Task Runs_over_the_wire_as_json()
    {
        await using var coordinator = StandInCoordinator.Start(request => request is FleetCommands.GetRuns
            ? new FleetCommands.RunList([Stopped, Completed])
            : null);
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["runs", "--json", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.Ok, exitCode);
        var first = JsonDocument.Parse(captured.Out).RootElement[0];
        Assert.Equal("run-2", first.GetProperty("runId").GetString());
        Assert.Equal("stopped", first.GetProperty("status").GetString());
        Assert.Equal(4, first.GetProperty("notStarted").GetInt32());
    }

    [Fact]
    public async Task Cancel_sends_the_run_id_and_shows_the_cancelled_run()
    {
        string? asked = null;
        await using var coordinator = StandInCoordinator.Start(request =>
        {
            if (request is FleetCommands.CancelRun cancel)
            {
                asked = cancel.RunId;
                return Completed with { RunId = cancel.RunId, Status = RunStatus.Cancelled };
            }

            return null;
        });
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["cancel", "--run", "run-7", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.Ok, exitCode);
        Assert.Equal("run-7", asked);
        Assert.Contains("cancelled", captured.Out.Split('\n').Single(line => line.Contains("run-7")));
    }

    [Fact]
    public async Task Cancelling_an_unknown_run_exits_with_operation_failed_and_the_reason()
    {
        await using var coordinator = StandInCoordinator.Start(_ => new RequestFailed("there is no run run-404"));
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["cancel", "--run", "run-404", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.OperationFailed, exitCode);
        Assert.Contains("there is no run run-404", captured.Error);
    }

    [Fact]
    public async Task Cancel_without_a_run_is_a_usage_error()
    {
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["cancel"], captured.Terminal);

        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Contains("--run", captured.Error);
    }

    private static IEnumerable<string> Numbers(string row) =>
        row.Split(['│', '|', ' '], StringSplitOptions.RemoveEmptyEntries).Where(cell => cell.All(char.IsDigit));
}
