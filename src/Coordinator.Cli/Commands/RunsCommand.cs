using System.CommandLine;
using Coordinator.Cli.Output;
using Coordinator.Protocol.Fleet;

namespace Coordinator.Cli.Commands;

/// <summary><c>coord runs</c>: the history of bootstrap runs and how each ended.</summary>
public static class RunsCommand
{
    public static Command Create(GlobalOptions options, Terminal terminal) =>
        AdminCommand.Create(
            "runs",
            "List bootstrap runs, newest first, with how many hosts succeeded, failed or were not started.",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                await using var client = await invocation.ConnectAsync(cancellationToken);
                var list = await client.AskAsync<FleetCommands.RunList>(FleetCommands.GetRuns.Instance, cancellationToken);
                invocation.Output.Show(new RunsView(list.Runs));
                return ExitCode.Ok;
            });
}
