using Coordinator.Protocol.Fleet;
using Spectre.Console;

namespace Coordinator.Cli.Output;

/// <summary>What <c>coord bootstrap</c> prints when it does not follow the run.</summary>
public sealed class RunAcceptedView(FleetCommands.RunAccepted accepted) : IView
{
    public void Render(IAnsiConsole console)
    {
        console.WriteLine($"Run {accepted.RunId} started for {accepted.Hosts} host{(accepted.Hosts == 1 ? "" : "s")}.");
        console.WriteLine($"Watch it with 'coord runs', cancel it with 'coord cancel --run {accepted.RunId}'.");
    }

    public object ToJson() => new { accepted.RunId, accepted.Hosts };
}
