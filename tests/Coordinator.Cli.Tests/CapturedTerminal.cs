namespace Coordinator.Cli.Tests;

/// <summary>A redirected terminal whose output the test reads back, as CI and pipes see it.</summary>
internal sealed class CapturedTerminal
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public CapturedTerminal(Func<string, string?>? environment = null)
    {
        Terminal = new Terminal(_out, _error, OutIsRedirected: true, environment ?? Environments.Empty);
    }

    public Terminal Terminal { get; }

    public string Out => _out.ToString();

    public string Error => _error.ToString();
}
