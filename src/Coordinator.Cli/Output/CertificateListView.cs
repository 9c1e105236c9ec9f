using Coordinator.Protocol.Fleet;
using Spectre.Console;

namespace Coordinator.Cli.Output;

/// <summary><c>coord certs list</c>: each known machine and its retained certificate's thumbprint.</summary>
public sealed class CertificateListView(IReadOnlyList<MachineSummary> machines) : IView
{
    public void Render(IAnsiConsole console)
    {
        if (machines.Count == 0)
        {
            console.WriteLine(FleetStatusView.EmptyFleetMessage);
            return;
        }

        var table = new Table()
            .Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Host").NoWrap())
            .AddColumn(new TableColumn("Environment").NoWrap())
            .AddColumn(new TableColumn("Thumbprint").NoWrap());
        foreach (var machine in machines.OrderBy(m => m.Host, StringComparer.Ordinal))
        {
            table.AddRow(new Text(machine.Host), new Text(machine.Environment), new Text(machine.Thumbprint ?? "none yet (issued on its first bootstrap)"));
        }

        console.Write(table);
    }

    public object ToJson() => machines.OrderBy(m => m.Host, StringComparer.Ordinal).Select(m => new { m.Host, m.Environment, m.Thumbprint }).ToList();
}
