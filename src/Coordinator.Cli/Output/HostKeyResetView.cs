using Coordinator.Protocol.HostKeys;
using Spectre.Console;

namespace Coordinator.Cli.Output;

/// <summary>What <c>coord hosts reset-key</c> dropped.</summary>
public sealed class HostKeyResetView(HostKeyMessages.Found dropped) : IView
{
    public void Render(IAnsiConsole console) => console.WriteLine(dropped.Key is { } key
        ? $"{dropped.Host}: dropped the {key.Type} key {key.Fingerprint} recorded {key.RecordedAt:yyyy-MM-dd HH:mm}Z; the next connection records the key it presents."
        : $"{dropped.Host}: no key was recorded; the next connection records the key it presents.");

    public object ToJson() => new { dropped.Host, Dropped = dropped.Key?.Fingerprint };
}
