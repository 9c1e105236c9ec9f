using System.Globalization;
using Spectre.Console;
using static Coordinator.Protocol.Admin.AdminMessages;

namespace Coordinator.Cli.Output;

/// <summary><c>coord ping</c>: who answered, since when, and where it keeps its journal.</summary>
public sealed class PongView(Pong pong) : IView
{
    public void Render(IAnsiConsole console)
    {
        var grid = new Grid()
            .AddColumn(new GridColumn().NoWrap().PadRight(2))
            .AddColumn(new GridColumn());
        AddRow(grid, "Version", pong.Version);
        AddRow(grid, "Uptime", $"{FormatUptime(pong.Uptime)} (since {pong.StartedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)})");
        AddRow(grid, "Store", $"{pong.StoreKind} {pong.StoreLocation}");
        AddRow(grid, "Node", pong.NodeAddress);
        console.Write(grid);
    }

    public object ToJson() => new PongJson(
        pong.Version,
        pong.StartedAt,
        (long)pong.Uptime.TotalSeconds,
        pong.StoreKind,
        pong.StoreLocation,
        pong.NodeAddress);

    /// <summary>The two largest units are enough to tell "just restarted" from "up for weeks".</summary>
    public static string FormatUptime(TimeSpan uptime)
    {
        if (uptime < TimeSpan.Zero)
        {
            uptime = TimeSpan.Zero;
        }

        return uptime switch
        {
            { TotalDays: >= 1 } => $"{(int)uptime.TotalDays}d {uptime.Hours}h",
            { TotalHours: >= 1 } => $"{uptime.Hours}h {uptime.Minutes}m",
            { TotalMinutes: >= 1 } => $"{uptime.Minutes}m {uptime.Seconds}s",
            _ => $"{uptime.Seconds}s",
        };
    }

    private static void AddRow(Grid grid, string label, string value) =>
        grid.AddRow(new Text(label, new Style(decoration: Decoration.Bold)), new Text(value));

    private sealed record PongJson(
        string Version,
        DateTimeOffset StartedAt,
        long UptimeSeconds,
        string StoreKind,
        string StoreLocation,
        string NodeAddress);
}
