using System.Globalization;
using Coordinator.Protocol.Fleet;
using Spectre.Console;

namespace Coordinator.Cli.Output;

/// <summary>The end of a followed run: every host's outcome and reason, and the totals.</summary>
public sealed class RunReportView(FleetCommands.RunProgress progress) : IView
{
    public void Render(IAnsiConsole console)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Host").NoWrap())
            .AddColumn(new TableColumn("Environment").NoWrap())
            .AddColumn(new TableColumn("Outcome").NoWrap())
            .AddColumn(new TableColumn("Reason"));
        foreach (var host in progress.Hosts)
        {
            table.AddRow(
                new Text(host.Host),
                new Text(host.Environment),
                new Text(CliJson.Word(host.State), RunLiveView.StateStyle(host.State)),
                new Text(host.Reason ?? ""));
        }

        console.Write(table);
        console.WriteLine(Totals(progress));
    }

    public object ToJson() => new
    {
        progress.Summary.RunId,
        progress.Summary.Status,
        progress.Summary.Succeeded,
        progress.Summary.Failed,
        Hosts = progress.Hosts.Select(h => new { h.Host, h.Environment, Outcome = h.State, h.Step, h.Reason }),
    };

    public static string Totals(FleetCommands.RunProgress progress)
    {
        var summary = progress.Summary;
        var elapsed = (summary.EndedAt ?? DateTimeOffset.UtcNow) - summary.StartedAt;
        var skipped = progress.Hosts.Count(h => h.State is HostRunState.Skipped or HostRunState.Cancelled);
        return string.Create(CultureInfo.InvariantCulture,
            $"Run {summary.RunId} {CliJson.Word(summary.Status)} in {elapsed.TotalSeconds:0.0} s: {summary.Succeeded} succeeded, " +
            $"{progress.Hosts.Count(h => h.State == HostRunState.Failed)} failed, {skipped} not run, of {summary.Hosts}.");
    }
}
