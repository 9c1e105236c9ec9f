using System.Runtime.InteropServices;

namespace Tentacle.Double.Listening;

/// <summary>
/// When the foreground agent must stop: on SIGTERM/SIGINT/SIGQUIT, and, unless it runs non-interactively,
/// when its standard input closes.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    readonly CancellationTokenSource requested = new();
    readonly PosixSignalRegistration[] registrations;

    public ShutdownSignal(bool watchStandardInput)
    {
        registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop),
        ];
        if (watchStandardInput)
            _ = Task.Run(WaitForStandardInputToCloseAsync);
    }

    public CancellationToken Token => requested.Token;

    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        requested.Cancel();
    }

    async Task WaitForStandardInputToCloseAsync()
    {
        await using var input = Console.OpenStandardInput();
        var buffer = new byte[256];
        while (await input.ReadAsync(buffer, requested.Token) > 0)
        {
        }

        await requested.CancelAsync();
    }

    public void Dispose()
    {
        foreach (var registration in registrations)
            registration.Dispose();
        requested.Dispose();
    }
}
