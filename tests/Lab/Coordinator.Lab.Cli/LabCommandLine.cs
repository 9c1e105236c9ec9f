using System.CommandLine;
using Coordinator.Lab.Cli.Commands;

namespace Coordinator.Lab.Cli;

/// <summary>The <c>lab</c> command tree.</summary>
public static class LabCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("lab: SSH hosts for testing the coordinator, each a real sshd on its own 127.0.0.x.")
        {
            UpCommand.Create(),
            DownCommand.Create(),
            StatusCommand.Create(),
            RecreateCommand.Create(),
            ServeCommand.Create(),
        };

        var configuration = new InvocationConfiguration
        {
            // `lab serve` handles SIGTERM itself: stopping twenty hosts takes longer than the parser's grace period.
            ProcessTerminationTimeout = null,

            // What went wrong in the lab is said in a sentence, not a stack trace.
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await root.Parse(args).InvokeAsync(configuration);
        }
        catch (Exception e) when (e is LabException or ArgumentException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return ExitCodes.Failed;
        }
    }
}
