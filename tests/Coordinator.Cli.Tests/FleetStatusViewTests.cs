using System.Text.Json;
using Coordinator.Cli.Output;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;
using static Coordinator.Protocol.Admin.AdminMessages;

namespace Coordinator.Cli.Tests;

public sealed class FleetStatusViewTests
{
    private static readonly DateTimeOffset Updated = new(2025, 3, 1, 12, 0, 5, TimeSpan.Zero);

    private static readonly FleetStatus Fleet = new(
    [
        new MachineSummary("web-02", "production", MachineStatus.Failed, Updated, "probe: [ssh] timed out"),
        new MachineSummary("web-01", "staging", MachineStatus.Ready, Updated, null),
        new MachineSummary("db-01", "production", MachineStatus.InProgress, null, null),
        new MachineSummary("app-01", "staging", MachineStatus.Enrolled, Updated, ""),
    ]);

    [Fact]
    public void Lists_machines_sorted_by_environment_then_host()
    {
        var captured = new CapturedTerminal();

        new CommandOutput(captured.Terminal, json: false).Show(new FleetStatusView(Fleet));

        var rows = RowsMentioning(captured.Out, "db-01", "web-02", "app-01", "web-01");
        Assert.Equal(["db-01", "web-02", "app-01", "web-01"], rows);
    }

    [Fact]
    public void Shows_every_column_with_plain_text_for_captured_output()
    {
        var captured = new CapturedTerminal();

        new CommandOutput(captured.Terminal, json: false).Show(new FleetStatusView(Fleet));

        var output = captured.Out;
        foreach (var header in new[] { "Host", "Environment", "Status", "Updated", "Last error" })
        {
            Assert.Contains(header, output);
        }

        var failedRow = Line(output, "web-02");
        Assert.Contains("production", failedRow);
        Assert.Contains("failed", failedRow);
        Assert.Contains("2025-03-01 12:00:05Z", failedRow);
        Assert.Contains("probe: [ssh] timed out", failedRow);
        Assert.Contains("in-progress", Line(output, "db-01"));
        Assert.DoesNotContain('\u001b', output);
    }

    [Fact]
    public void An_empty_fleet_says_how_to_add_machines()
    {
        var captured = new CapturedTerminal();

        new CommandOutput(captured.Terminal, json: false).Show(new FleetStatusView(new FleetStatus([])));

        Assert.Equal("No machines yet: machines appear here once a bootstrap run or an enrollment adds them.", captured.Out.Trim());
    }

    [Fact]
    public void Json_is_an_array_in_the_same_order_with_the_same_status_words()
    {
        var captured = new CapturedTerminal();

        new CommandOutput(captured.Terminal, json: true).Show(new FleetStatusView(Fleet));

        using var document = JsonDocument.Parse(captured.Out);
        var machines = document.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["db-01", "web-02", "app-01", "web-01"], machines.Select(m => m.GetProperty("host").GetString()));
        Assert.Equal(["in-progress", "failed", "enrolled", "ready"], machines.Select(m => m.GetProperty("status").GetString()));

        var failed = machines[1];
        Assert.Equal("production", failed.GetProperty("environment").GetString());
        Assert.Equal(Updated, failed.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal("probe: [ssh] timed out", failed.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, machines[0].GetProperty("updatedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, machines[0].GetProperty("lastError").ValueKind);
    }

    [Fact]
    public void Json_for_an_empty_fleet_is_an_empty_array()
    {
        var captured = new CapturedTerminal();

        new CommandOutput(captured.Terminal, json: true).Show(new FleetStatusView(new FleetStatus([])));

        using var document = JsonDocument.Parse(captured.Out);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        Assert.Equal(0, document.RootElement.GetArrayLength());
    }

    private static string Line(string output, string host) =>
        output.Split('\n').Single(line => line.Contains(host, StringComparison.Ordinal));

    /// <summary>The hosts in the order their rows appear.</summary>
    private static string[] RowsMentioning(string output, params string[] hosts) =>
        output.Split('\n')
            .Select(line => hosts.FirstOrDefault(host => line.Contains(host, StringComparison.Ordinal)))
            .OfType<string>()
            .ToArray();
}
