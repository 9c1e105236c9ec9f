using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Coordinator.Cli.Commands;

namespace Coordinator.Cli;

/// <summary>The <c>coord</c> command tree and how an invocation becomes an exit code.</summary>
public static class CoordCommandLine
{
    public static RootCommand Create(Terminal terminal)
    {
        var options = new GlobalOptions(terminal);
        var root = new RootCommand("coord: administer a Coordinator host over Akka.Remote.");
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(PingCommand.Create(options, terminal));
        root.Subcommands.Add(StatusCommand.Create(options, terminal));
        root.Subcommands.Add(RunsCommand.Create(options, terminal));
        root.Subcommands.Add(CancelCommand.Create(options, terminal));
        root.Subcommands.Add(BootstrapCommand.Create(options, terminal));
        root.Subcommands.Add(RetryCommand.Create(options, terminal));
        root.Subcommands.Add(CertsCommand.Create(options, terminal));
        root.Subcommands.Add(ForgetCommand.Create(options, terminal));
        root.Subcommands.Add(HostsCommand.Create(options, terminal));
        root.Subcommands.Add(IisCommand.Create(options, terminal));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, Terminal terminal, CancellationToken cancellationToken = default)
    {
        var parseResult = Create(terminal).Parse(args);
        var configuration = new InvocationConfiguration { Output = terminal.Out, Error = terminal.Error };

        if (parseResult.Action is not ParseErrorAction parseError)
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }

        // Bare `coord` gets the full help on stdout. Otherwise only the errors (and typo suggestions),
        // all on stderr: under --json, stdout must hold JSON or nothing.
        parseError.ShowHelp = args.Length == 0;
        if (!parseError.ShowHelp)
        {
            configuration.Output = terminal.Error;
        }

        await parseResult.InvokeAsync(configuration, cancellationToken);
        if (!parseError.ShowHelp)
        {
            terminal.Error.WriteLine($"Run '{HelpCommandLine(parseResult)}' for usage.");
        }

        return (int)ExitCode.UsageOrConnection;
    }

    private static string HelpCommandLine(ParseResult parseResult)
    {
        var names = new Stack<string>();
        for (var result = parseResult.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            names.Push(result.Command.Name);
        }

        return string.Join(' ', ["coord", .. names, "--help"]);
    }
}
