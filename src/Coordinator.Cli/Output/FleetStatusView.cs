using System.Globalization;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;
using Spectre.Console;
using static Coordinator.Protocol.Admin.AdminMessages;

namespace Coordinator.Cli.Output;

/// <summary><c>coord status</c>: every known machine, grouped by environment.</summary>
public sealed class FleetStatusView(FleetStatus status) : IView
{
    public const string EmptyFleetMessage = "No machines yet: machines appear here once a bootstrap run or an enrollment adds them.";

    private const string Missing = "-";

    private IEnumerable<MachineSummary> SortedMachines => status.Machines
        .OrderBy(machine => machine.Environment, StringComparer.OrdinalIgnoreCase)
        .ThenBy(machine => machine.Host, StringComparer.OrdinalIgnoreCase);

    public void Render(IAnsiConsole console)
    {
        if (status.Machines.Count == 0)
        {
            console.WriteLine(EmptyFleetMessage);
            return;
        }

        var table = new Table()
            .Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Host").NoWrap())
            .AddColumn(new TableColumn("Environment").NoWrap())
            .AddColumn(new TableColumn("Status").NoWrap())
            .AddColumn(new TableColumn("Updated").NoWrap())
            .AddColumn(new TableColumn("Last error"));

        // Text, not markup: host names and error messages may contain '[' and must print as written.
        foreach (var machine in SortedMachines)
        {
            table.AddRow(
                new Text(machine.Host),
                new Text(machine.Environment),
                new Text(CliJson.Word(machine.Status), StatusStyle(machine.Status)),
                new Text(machine.UpdatedAt?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? Missing),
                new Text(string.IsNullOrEmpty(machine.LastError) ? Missing : machine.LastError));
        }

        console.Write(table);
    }

    public object ToJson() => SortedMachines
        .Select(machine => new MachineJson(machine.Host, machine.Environment, machine.Status, machine.UpdatedAt, machine.LastError))
        .ToList();

    private static Style StatusStyle(MachineStatus status) => status switch
    {
        MachineStatus.Ready => new Style(Color.Green),
        MachineStatus.InProgress => new Style(Color.Yellow),
        MachineStatus.Failed => new Style(Color.Red),
        _ => Style.Plain,
    };

    private sealed record MachineJson(
        string Host,
        string Environment,
        MachineStatus Status,
        DateTimeOffset? UpdatedAt,
        string? LastError);
}
