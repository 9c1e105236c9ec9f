using Spectre.Console;

namespace Coordinator.Cli.Output;

/// <summary>What a command shows: rendered for people, or as one JSON document for scripts (<c>--json</c>).</summary>
public interface IView
{
    void Render(IAnsiConsole console);

    /// <summary>The value serialized to stdout under <c>--json</c>; its shape is a contract with scripts.</summary>
    object ToJson();
}
