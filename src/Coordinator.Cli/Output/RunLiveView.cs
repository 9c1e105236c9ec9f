using System.Globalization;
using Coordinator.Protocol.Fleet;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Coordinator.Cli.Output;

/// <summary>The live table of <c>--follow</c>: a row per host with its step, attempt and time, and the totals.</summary>
public static class RunLiveView
{
    /// <summary>How many of a streaming run's latest output lines show under the live table.</summary>
    public const int OutputLinesShown = 12;

    public static IRenderable Render(FleetCommands.RunProgress progress, IReadOnlyCollection<RunOutputLine> recentOutput)
    {
        var table = Render(progress);
        if (recentOutput.Count == 0)
        {
            return table;
        }

        var lines = recentOutput.Select(line => new Text(OutputLine(line), line.IsError ? new Style(Color.Yellow) : Style.Plain));
        return new Rows([table, .. lines]);
    }

    /// <summary>A line a host's command printed, with the host and step it came from.</summary>
    public static string OutputLine(RunOutputLine line) => $"{line.Host} [{line.Step}]{(line.IsError ? " stderr" : "")} | {line.Line}";

    public static IRenderable Render(FleetCommands.RunProgress progress)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Host").NoWrap())
            .AddColumn(new TableColumn("State").NoWrap())
            .AddColumn(new TableColumn("Step").NoWrap())
            .AddColumn(new TableColumn("Attempt").RightAligned())
            .AddColumn(new TableColumn("Elapsed").RightAligned())
            .AddColumn(new TableColumn("Note"));
        foreach (var host in progress.Hosts)
        {
            var running = host.State == HostRunState.Running;
            table.AddRow(
                new Text(host.Host),
                new Text(CliJson.Word(host.State), StateStyle(host.State)),
                new Text(host.Step?.ToString() ?? ""),
                new Text(running && host.Attempt > 0 ? host.Attempt.ToString(CultureInfo.InvariantCulture) : ""),
                new Text(running ? string.Create(CultureInfo.InvariantCulture, $"{host.Elapsed.TotalSeconds:0} s") : ""),
                new Text(host.Reason ?? host.LastFinished ?? ""));
        }

        table.Caption(RunReportView.Totals(progress));
        return table;
    }

    /// <summary>
    /// Lines for what changed on a host since the last look — the step it finished and what that step found or did,
    /// then the step it is on or how it ended — for logs and pipes where a live table cannot redraw.
    /// </summary>
    public static IEnumerable<string> Changes(HostProgress? before, HostProgress now)
    {
        if (now.LastFinished is { } finished && finished != before?.LastFinished)
        {
            yield return $"{now.Host}: {finished}";
        }

        if (before is not null && before.State == now.State && before.Step == now.Step && before.Attempt == now.Attempt)
        {
            yield break;
        }

        var line = now.State switch
        {
            HostRunState.Running when now.Step is { } step => $"{now.Host}: {step}{(now.Attempt > 1 ? $" (attempt {now.Attempt}: {now.Reason})" : "")}",
            HostRunState.Running or HostRunState.Pending => null,
            HostRunState.Succeeded => $"{now.Host}: succeeded",
            _ => $"{now.Host}: {CliJson.Word(now.State)}{(now.Reason is null ? "" : $": {now.Reason}")}",
        };
        if (line is not null)
        {
            yield return line;
        }
    }

    public static Style StateStyle(HostRunState state) => state switch
    {
        HostRunState.Succeeded => new Style(Color.Green),
        HostRunState.Running => new Style(Color.Yellow),
        HostRunState.Pending => Style.Plain,
        _ => new Style(Color.Red),
    };
}
