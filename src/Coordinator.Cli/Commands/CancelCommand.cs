using System.CommandLine;
using Coordinator.Cli.Output;
using Coordinator.Protocol.Fleet;

namespace Coordinator.Cli.Commands;

/// <summary><c>coord cancel --run ID</c>: stop admitting a run's hosts and cancel the ones in flight.</summary>
public static class CancelCommand
{
    public static Command Create(GlobalOptions options, Terminal terminal)
    {
        var run = new Option<string>("--run")
        {
            Description = "The run to cancel, as coord runs lists it.",
            Required = true,
        };

        var command = AdminCommand.Create(
            "cancel",
            "Cancel a bootstrap run: no more hosts start, hosts in flight stop after their current step.",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                await using var client = await invocation.ConnectAsync(cancellationToken);
                var summary = await client.AskAsync<RunSummary>(new FleetCommands.CancelRun(invocation.Value(run)), cancellationToken);
                invocation.Output.Show(new RunsView([summary]));
                return ExitCode.Ok;
            });
        command.Options.Add(run);
        return command;
    }
}
