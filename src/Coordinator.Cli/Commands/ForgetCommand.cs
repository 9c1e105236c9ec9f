using System.CommandLine;
using Coordinator.Cli.Output;
using Coordinator.Protocol.Machines;

namespace Coordinator.Cli.Commands;

/// <summary><c>coord forget --host H</c>: deregister a machine from Octopus and drop its retained certificate, after confirmation.</summary>
public static class ForgetCommand
{
    public static Command Create(GlobalOptions options, Terminal terminal)
    {
        var host = new Option<string>("--host") { Description = "The machine to forget.", Required = true };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation (for scripts)." };
        var command = AdminCommand.Create(
            "forget",
            "Remove a machine from Octopus and drop its retained certificate: its next bootstrap makes it a new machine.",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                var name = invocation.Value(host);
                if (!invocation.ParseResult.GetValue(yes))
                {
                    var answer = terminal.Ask(
                        $"This deletes {name} from Octopus and drops its certificate for good; a rebuilt {name} will be a new machine.{Environment.NewLine}" +
                        $"Type the host name to confirm: ")
                        ?? throw new CliFailure(ExitCode.UsageOrConnection, $"forgetting {name} needs confirmation: run it in a terminal, or pass --yes");
                    if (!string.Equals(answer.Trim(), name, StringComparison.Ordinal))
                    {
                        throw new CliFailure(ExitCode.UsageOrConnection, $"not confirmed ('{answer.Trim()}' is not '{name}'); nothing was changed");
                    }
                }

                await using var client = await invocation.ConnectAsync(cancellationToken);
                var forgot = await client.AskAsync<CertificateMessages.Forgot>(new CertificateMessages.Forget(name), TimeSpan.FromSeconds(90), cancellationToken);
                invocation.Output.Show(new CertificateResultView(forgot.Host, forgot.Thumbprint, $"forgotten; Octopus: {forgot.Octopus}"));
                return ExitCode.Ok;
            });
        command.Options.Add(host);
        command.Options.Add(yes);
        return command;
    }
}
