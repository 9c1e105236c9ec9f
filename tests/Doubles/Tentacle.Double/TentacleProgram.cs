using Tentacle.Double.CommandLine;
using Tentacle.Double.Commands;
using Tentacle.Double.Lab;

namespace Tentacle.Double;

/// <summary>
/// Tentacle's outer shell: pick the command, strip the options every command accepts, run it, and turn the
/// outcome into Tentacle's exit codes (1 controlled failure, 2 unknown command, 100 anything else).
/// </summary>
internal static class TentacleProgram
{
    public static async Task<int> RunAsync(string[] arguments, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        await InstallDelay.WaitOnceAsync(AppContext.BaseDirectory);

        if (arguments.Length == 0)
        {
            HelpCommand.Write(output);
            return ExitCodes.UnknownCommand;
        }

        var command = CommandCatalog.Create(arguments[0].TrimStart('-', '/'));
        if (command is null)
        {
            error.WriteLine($"Command '{arguments[0]}' is not supported");
            return ExitCodes.UnknownCommand;
        }

        try
        {
            var noninteractive = false;
            var help = false;
            var remaining = new OptionSet()
                .Flag("nologo", () => { })
                .Flag("noconsolelogging", () => { })
                .Flag("console", () => { })
                .Flag("noninteractive", () => noninteractive = true)
                .Flag("help", () => help = true)
                .Parse(arguments[1..]);
            if (help)
            {
                HelpCommand.Write(output);
                return ExitCodes.Success;
            }

            command.ParseOptions(remaining);
            var context = new CommandContext(LabEnvironment.FromProcess(), output, error, noninteractive);
            await command.ExecuteAsync(context, cancellation);
            if (context.RestartVoted)
                context.Info(CommandContext.RestartNotice);
            return ExitCodes.Success;
        }
        catch (ControlledFailureException failure)
        {
            error.WriteLine(failure.Message);
            return ExitCodes.ControlledFailure;
        }
        catch (Exception exception)
        {
            error.WriteLine(exception.Message);
            return ExitCodes.GeneralException;
        }
    }
}
