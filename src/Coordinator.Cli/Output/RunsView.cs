using System.Globalization;
using Coordinator.Protocol.Fleet;
using Spectre.Console;

namespace Coordinator.Cli.Output;

/// <summary><c>coord runs</c>: bootstrap runs, newest first.</summary>
public sealed class RunsView(IReadOnlyList<RunSummary> runs) : IView
{
    public const string NoRunsMessage = "No runs yet.";

    private const string Missing = "-";

    public void Render(IAnsiConsole console)
    {
        if (runs.Count == 0)
        {
            console.WriteLine(NoRunsMessage);
            return;
        }

        var table = new Table()
            .Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Run").NoWrap())
            .AddColumn(new TableColumn("Status").NoWrap())
            .AddColumn(new TableColumn("Hosts").RightAligned())
            .AddColumn(new TableColumn("Succeeded").RightAligned())
            .AddColumn(new TableColumn("Failed").RightAligned())
            .AddColumn(new TableColumn("Not started").RightAligned())
            .AddColumn(new TableColumn("Started").NoWrap())
            .AddColumn(new TableColumn("Ended").NoWrap());

        foreach (var run in runs)
        {
            table.AddRow(
                new Text(run.RunId),
                new Text(CliJson.Word(run.Status), StatusStyle(run)),
                new Text(Number(run.Hosts)),
                new Text(Number(run.Succeeded)),
                new Text(Number(run.Failed)),
                new Text(Number(NotStarted(run))),
                new Text(Time(run.StartedAt)),
                new Text(run.EndedAt is { } ended ? Time(ended) : Missing));
        }

        console.Write(table);
    }

    public object ToJson() => runs
        .Select(run => new RunJson(run.RunId, run.Status, run.Hosts, run.Succeeded, run.Failed, NotStarted(run), run.StartedAt, run.EndedAt))
        .ToList();

    /// <summary>Hosts without an outcome: still queued or in flight while running, skipped once the run ended.</summary>
    private static int NotStarted(RunSummary run) => run.Hosts - run.Succeeded - run.Failed;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Style StatusStyle(RunSummary run) => run.Status switch
    {
        RunStatus.Completed when run.Failed == 0 => new Style(Color.Green),
        RunStatus.Running => new Style(Color.Yellow),
        _ => new Style(Color.Red),
    };

    private sealed record RunJson(
        string RunId,
        RunStatus Status,
        int Hosts,
        int Succeeded,
        int Failed,
        int NotStarted,
        DateTimeOffset StartedAt,
        DateTimeOffset? EndedAt);
}
