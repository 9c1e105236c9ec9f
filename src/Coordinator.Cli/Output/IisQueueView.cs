using System.Globalization;
using Coordinator.Protocol.Iis;
using Spectre.Console;

namespace Coordinator.Cli.Output;

/// <summary><c>coord iis queue</c>: per host, the operation in flight, the queue with positions and waits, and the latest finished.</summary>
public sealed class IisQueueView(IReadOnlyList<IisQueue> queues) : IView
{
    public const string NothingQueued = "No IIS operation is queued or in flight.";

    public void Render(IAnsiConsole console)
    {
        if (queues.Count == 0)
        {
            console.WriteLine(NothingQueued);
            return;
        }

        foreach (var queue in queues)
        {
            console.WriteLine(Heading(queue));
            if (queue.Pending.Count + queue.Finished.Count == 0)
            {
                continue;
            }

            var table = Table();
            foreach (var view in queue.Pending.Concat(queue.Finished))
            {
                AddRow(table, view);
            }

            console.Write(table);
        }
    }

    public object ToJson() => queues.Select(q => new
    {
        q.Host,
        q.Waiting,
        InFlight = q.InFlight?.Number,
        Pending = q.Pending.Select(Json),
        Finished = q.Finished.Select(Json),
    });

    public static Table Table() => new Table()
        .Border(TableBorder.Rounded)
        .AddColumn(new TableColumn("#").RightAligned())
        .AddColumn(new TableColumn("Operation"))
        .AddColumn(new TableColumn("State").NoWrap())
        .AddColumn(new TableColumn("Pos").RightAligned())
        .AddColumn(new TableColumn("Tries").RightAligned())
        .AddColumn(new TableColumn("Waited").RightAligned())
        .AddColumn(new TableColumn("Took").RightAligned())
        .AddColumn(new TableColumn("By"))
        .AddColumn(new TableColumn("Note"));

    public static void AddRow(Table table, IisOperationView view) => table.AddRow(
        new Text(Number(view.Number)),
        new Text(view.Description),
        new Text(CliJson.Word(view.State), StateStyle(view.State)),
        new Text(view.Position > 0 ? view.Position.ToString(CultureInfo.InvariantCulture) : ""),
        new Text(view.Attempts > 0 ? view.Attempts.ToString(CultureInfo.InvariantCulture) : ""),
        new Text(Seconds(view.Waited)),
        new Text(view.Duration is { } took ? Seconds(took) : ""),
        new Text(view.Origin),
        new Text(view.Detail ?? ""));

    public static object Json(IisOperationView view) => new
    {
        view.Number,
        Operation = view.Description,
        view.State,
        view.Position,
        view.Attempts,
        WaitedMs = (long)view.Waited.TotalMilliseconds,
        DurationMs = view.Duration is { } took ? (long?)took.TotalMilliseconds : null,
        view.Origin,
        view.QueuedAt,
        view.Detail,
    };

    /// <summary>One line for what changed in an operation since the last look (for <c>--follow</c>), or null for nothing.</summary>
    public static string? Change(IisOperationView? before, IisOperationView now)
    {
        if (before is not null && before.State == now.State && before.Attempts == now.Attempts && before.Position == now.Position)
        {
            return null;
        }

        var what = $"{Number(now.Number)} {now.Description}:";
        return now.State switch
        {
            IisOperationState.Queued => $"{what} queued at position {now.Position}",
            IisOperationState.Running => $"{what} running{(now.Attempts > 1 ? $" (attempt {now.Attempts})" : "")} after waiting {Seconds(now.Waited)}",
            IisOperationState.Retrying => $"{what} retrying after attempt {now.Attempts}: {now.Detail}",
            IisOperationState.Changed or IisOperationState.Unchanged => $"{what} {CliJson.Word(now.State)} in {Seconds(now.Duration ?? TimeSpan.Zero)} (waited {Seconds(now.Waited)})",
            _ => $"{what} {CliJson.Word(now.State)}: {now.Detail}",
        };
    }

    private static string Heading(IisQueue queue) =>
        (queue.Pending.Count == 0 ? $"{queue.Host}: nothing queued" : $"{queue.Host}: {queue.Pending.Count} pending")
        + (queue.Waiting is null ? "" : $" — waiting: {queue.Waiting}");

    private static string Number(long number) => "#" + number.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.0} s");

    private static Style StateStyle(IisOperationState state) => state switch
    {
        IisOperationState.Changed or IisOperationState.Unchanged => new Style(Color.Green),
        IisOperationState.Failed => new Style(Color.Red),
        IisOperationState.Retrying => new Style(Color.Yellow),
        IisOperationState.Cancelled => new Style(Color.Grey),
        _ => Style.Plain,
    };
}
