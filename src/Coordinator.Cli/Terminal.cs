namespace Coordinator.Cli;

/// <summary>
/// What the CLI reads from and writes to outside its arguments. Tests pass string writers and a fake
/// environment; the process passes the real console.
/// </summary>
/// <param name="OutIsRedirected">When true, output goes to a file or pipe: no colours, no ANSI, no interactive widgets.</param>
/// <param name="Environment">Reads an environment variable; null when unset.</param>
/// <param name="In">Where answers to prompts come from; null when there is nobody to ask (pipes, CI, tests).</param>
public sealed record Terminal(
    TextWriter Out,
    TextWriter Error,
    bool OutIsRedirected,
    Func<string, string?> Environment,
    TextReader? In = null)
{
    public static Terminal FromProcess() => new(
        Console.Out,
        Console.Error,
        Console.IsOutputRedirected,
        System.Environment.GetEnvironmentVariable,
        Console.IsInputRedirected ? null : Console.In);

    /// <summary>Asks a question on stderr and reads one line; null when nobody can answer.</summary>
    public string? Ask(string question)
    {
        if (In is null)
        {
            return null;
        }

        Error.Write(question);
        Error.Flush();
        return In.ReadLine();
    }
}
