using System.CommandLine;
using Coordinator.Cli.Output;
using Coordinator.Protocol;
using Coordinator.Protocol.Fleet;

namespace Coordinator.Cli.Commands;

/// <summary><c>coord cancel --run ID [--host H]</c>: stop admitting a run's hosts and cancel the ones in flight, or just one host.</summary>
public static class CancelCommand
{
    public static Command Create(GlobalOptions options, Terminal terminal)
    {
        var run = new Option<string>("--run")
        {
            Description = "The run to cancel, as coord runs lists it.",
            Required = true,
        };

        var host = new Option<string?>("--host")
        {
            Description = "Cancel only this host of the run: in flight, it stops after its current step; not started, it never starts.",
        };

        var command = AdminCommand.Create(
            "cancel",
            "Cancel a bootstrap run (no more hosts start, hosts in flight stop after their current step), or one host of it with --host.",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                await using var client = await invocation.ConnectAsync(cancellationToken);
                ICoordinatorMessage request = invocation.ParseResult.GetValue(host) is { } name
                    ? new FleetCommands.CancelHost(invocation.Value(run), name)
                    : new FleetCommands.CancelRun(invocation.Value(run));
                var summary = await client.AskAsync<RunSummary>(request, cancellationToken);
                invocation.Output.Show(new RunsView([summary]));
                return ExitCode.Ok;
            });
        command.Options.Add(run);
        command.Options.Add(host);
        return command;
    }
}
