using System.CommandLine;
using Coordinator.Cli.Output;
using Coordinator.Protocol.HostKeys;

namespace Coordinator.Cli.Commands;

/// <summary><c>coord hosts reset-key --host H</c>: after a rebuild, let the next connection record the host's new SSH key.</summary>
public static class HostsCommand
{
    public static Command Create(GlobalOptions options, Terminal terminal)
    {
        var hosts = new Command("hosts", "SSH host keys recorded under the accept-new policy.");
        var host = new Option<string>("--host") { Description = "The host whose recorded key to drop.", Required = true };
        var reset = AdminCommand.Create(
            "reset-key",
            "Drop a host's recorded SSH key (check the new fingerprint on the machine first); the next connection records the key it presents.",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                await using var client = await invocation.ConnectAsync(cancellationToken);
                var dropped = await client.AskAsync<HostKeyMessages.Found>(new HostKeyMessages.Reset(invocation.Value(host)), cancellationToken);
                invocation.Output.Show(new HostKeyResetView(dropped));
                return ExitCode.Ok;
            });
        reset.Options.Add(host);
        hosts.Subcommands.Add(reset);
        return hosts;
    }
}
