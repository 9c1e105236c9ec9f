using System.CommandLine;
using Coordinator.Cli.Output;
using static Coordinator.Protocol.Admin.AdminMessages;

namespace Coordinator.Cli.Commands;

/// <summary><c>coord ping</c>: is a coordinator there, and which one.</summary>
public static class PingCommand
{
    public static Command Create(GlobalOptions options, Terminal terminal) =>
        AdminCommand.Create(
            "ping",
            "Check that the coordinator answers; show its version, uptime, store and node address.",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                await using var client = await invocation.ConnectAsync(cancellationToken);
                var pong = await client.AskAsync<Pong>(Ping.Instance, cancellationToken);
                invocation.Output.Show(new PongView(pong));
                return ExitCode.Ok;
            });
}
