using System.CommandLine;
using Coordinator.Cli.Output;
using static Coordinator.Protocol.Admin.AdminMessages;

namespace Coordinator.Cli.Commands;

/// <summary><c>coord status</c>: what the coordinator knows about every machine.</summary>
public static class StatusCommand
{
    public static Command Create(GlobalOptions options, Terminal terminal) =>
        AdminCommand.Create(
            "status",
            "List known machines with their environment, status, last update and last error.",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                await using var client = await invocation.ConnectAsync(cancellationToken);
                var fleet = await client.AskAsync<FleetStatus>(GetFleetStatus.Instance, cancellationToken);
                invocation.Output.Show(new FleetStatusView(fleet));
                return ExitCode.Ok;
            });
}
