using Coordinator.Protocol.Fleet;
using Spectre.Console;

namespace Coordinator.Cli.Output;

/// <summary><c>coord bootstrap --dry-run</c>: what the coordinator checked, what stops the run, and each host's plan.</summary>
public sealed class RunPlanView(FleetCommands.RunPlan plan) : IView
{
    public void Render(IAnsiConsole console)
    {
        foreach (var check in plan.Checks)
        {
            console.Write(new Text($"ok       {check}{Environment.NewLine}", new Style(Color.Green)));
        }

        foreach (var problem in plan.Problems)
        {
            console.Write(new Text($"problem  {problem}{Environment.NewLine}", new Style(Color.Red)));
        }

        foreach (var host in plan.Hosts)
        {
            console.WriteLine();
            console.WriteLine($"{host.Host} ({CliJson.Word(host.Os)}, {host.Address}) in {host.Environment}: Tentacle {host.Tentacle}");
            var number = 1;
            foreach (var step in host.Steps)
            {
                console.WriteLine($"  {number++}. {step}");
            }
        }

        console.WriteLine();
        console.WriteLine(plan.Problems.Count == 0
            ? $"Dry run: {plan.Hosts.Count} host{(plan.Hosts.Count == 1 ? "" : "s")} would be bootstrapped; nothing was touched."
            : $"Dry run: {plan.Problems.Count} problem{(plan.Problems.Count == 1 ? "" : "s")} would stop this run; nothing was touched.");
    }

    public object ToJson() => new { plan.Checks, plan.Problems, plan.Hosts };
}
