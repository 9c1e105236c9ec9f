namespace Coordinator.Cli;

/// <summary>
/// What the CLI reads from and writes to outside its arguments. Tests pass string writers and a fake
/// environment; the process passes the real console.
/// </summary>
/// <param name="OutIsRedirected">When true, output goes to a file or pipe: no colours, no ANSI, no interactive widgets.</param>
/// <param name="Environment">Reads an environment variable; null when unset.</param>
public sealed record Terminal(
    TextWriter Out,
    TextWriter Error,
    bool OutIsRedirected,
    Func<string, string?> Environment)
{
    public static Terminal FromProcess() =>
        new(Console.Out, Console.Error, Console.IsOutputRedirected, System.Environment.GetEnvironmentVariable);
}
