using Spectre.Console;

namespace Coordinator.Cli.Output;

/// <summary>Builds the Spectre console for a <see cref="Terminal"/>.</summary>
public static class TerminalConsole
{
    /// <summary>With no window to measure, Spectre assumes 80 columns and wraps table rows.</summary>
    private const int RedirectedWidth = 240;

    /// <summary>
    /// Redirected output (pipes, files, CI logs, tests) gets plain text and no interactive widgets. The
    /// decision comes from <see cref="Terminal.OutIsRedirected"/> rather than Spectre's own detection,
    /// which inspects the process console and so cannot tell that a test's string writer is not a TTY.
    /// </summary>
    public static IAnsiConsole Create(Terminal terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(terminal.Out),
            Ansi = terminal.OutIsRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = terminal.OutIsRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = terminal.OutIsRedirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (terminal.OutIsRedirected)
        {
            // A captured row stays on one line, so grep and CI logs show whole rows.
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
