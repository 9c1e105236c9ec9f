using System.CommandLine;
using Coordinator.Cli.Output;

namespace Coordinator.Cli.Commands;

/// <summary>
/// The frame every command that talks to the coordinator shares: it reads the global options, runs the
/// command's body, and turns a <see cref="CliFailure"/> into one stderr line and its exit code.
/// </summary>
public static class AdminCommand
{
    public static Command Create(
        string name,
        string description,
        GlobalOptions options,
        Terminal terminal,
        Func<AdminInvocation, CancellationToken, Task<ExitCode>> body)
    {
        var command = new Command(name, description);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = new CommandOutput(terminal, parseResult.GetValue(options.Json));
            var invocation = new AdminInvocation(
                parseResult.GetRequiredValue(options.Endpoint),
                parseResult.GetValue(options.Timeout),
                output,
                parseResult);
            try
            {
                return (int)await body(invocation, cancellationToken);
            }
            catch (CliFailure failure)
            {
                output.Fail(failure);
                return (int)failure.ExitCode;
            }
        });
        return command;
    }
}
