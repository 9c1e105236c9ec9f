using System.CommandLine;
using Coordinator.Cli.Output;
using Coordinator.Protocol.Fleet;

namespace Coordinator.Cli.Commands;

/// <summary><c>coord retry --run ID</c>: bootstrap a finished run's failed, cancelled and skipped hosts again, as a new run.</summary>
public static class RetryCommand
{
    public static Command Create(GlobalOptions options, Terminal terminal)
    {
        var run = new Option<string>("--run") { Description = "The finished run whose unsuccessful hosts to retry.", Required = true };
        var follow = new Option<bool>("--follow", "-f") { Description = "Watch the new run live; exit 1 if any host failed." };
        var command = AdminCommand.Create(
            "retry",
            "Run a finished run's failed, cancelled and skipped hosts again, with the same settings, as a new run.",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                await using var client = await invocation.ConnectAsync(cancellationToken);
                var accepted = await client.AskAsync<FleetCommands.RunAccepted>(
                    new FleetCommands.RetryRun(invocation.Value(run), BootstrapCommand.NewRunId()), BootstrapCommand.CheckWait, cancellationToken);
                if (invocation.ParseResult.GetValue(follow))
                {
                    return await RunFollower.FollowAsync(client, accepted.RunId, invocation.Output, terminal, cancellationToken);
                }

                invocation.Output.Show(new RunAcceptedView(accepted));
                return ExitCode.Ok;
            });
        command.Options.Add(run);
        command.Options.Add(follow);
        return command;
    }
}
