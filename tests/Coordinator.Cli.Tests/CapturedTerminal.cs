namespace Coordinator.Cli.Tests;

/// <summary>A redirected terminal whose output the test reads back, as CI and pipes see it.</summary>
internal sealed class CapturedTerminal
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    /// <param name="input">What the "user" types at prompts; null when nobody is there to answer.</param>
    public CapturedTerminal(Func<string, string?>? environment = null, string? input = null)
    {
        Terminal = new Terminal(_out, _error, OutIsRedirected: true, environment ?? Environments.Empty, input is null ? null : new StringReader(input));
    }

    public Terminal Terminal { get; }

    public string Out => _out.ToString();

    public string Error => _error.ToString();
}
