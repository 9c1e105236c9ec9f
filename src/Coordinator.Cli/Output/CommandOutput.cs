using System.Text.Json;
using Spectre.Console;

namespace Coordinator.Cli.Output;

/// <summary>
/// Where a command's results and failures go. Under <c>--json</c> stdout carries exactly one JSON
/// document; failures always go to stderr as a single <c>coord: ...</c> line.
/// </summary>
public sealed class CommandOutput(Terminal terminal, bool json)
{
    private readonly Lazy<IAnsiConsole> _console = new(() => TerminalConsole.Create(terminal));

    /// <summary>True under <c>--json</c>: nothing but the final document may reach stdout.</summary>
    public bool IsJson => json;

    /// <summary>The console for live views; only when not <see cref="IsJson"/>.</summary>
    public IAnsiConsole Console => _console.Value;

    public void Show(IView view)
    {
        if (json)
        {
            // Straight to the writer: Spectre would wrap long lines at the console width.
            terminal.Out.WriteLine(JsonSerializer.Serialize(view.ToJson(), CliJson.Options));
        }
        else
        {
            view.Render(_console.Value);
        }
    }

    public void Fail(CliFailure failure) => Problem(failure.Message);

    /// <summary>A problem that does not end the command (one host of several refused), on stderr like a failure.</summary>
    public void Problem(string message) => terminal.Error.WriteLine($"coord: {message}");
}
