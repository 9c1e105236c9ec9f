using System.Globalization;
using System.Net;
using Tentacle.Double.CommandLine;
using Tentacle.Double.Lab;
using Tentacle.Double.Listening;

namespace Tentacle.Double.Commands;

/// <summary>
/// <c>agent</c> / <c>run</c>: the listener in the foreground until SIGTERM (or, without <c>--noninteractive</c>,
/// until stdin closes). Refuses to start without a certificate readable on this machine and says why.
/// </summary>
internal sealed class RunAgentCommand : InstanceCommand
{
    /// <summary>Set by the Windows-flavour service so the listener leaves the session that started it.</summary>
    public const string DetachVariable = "TENTACLE_DOUBLE_DETACH";

    int waitMilliseconds;

    public RunAgentCommand() => Options.Value("wait", v => waitMilliseconds = int.Parse(v, CultureInfo.InvariantCulture));

    public override async Task ExecuteAsync(CommandContext context, CancellationToken cancellation)
    {
        if (Environment.GetEnvironmentVariable(DetachVariable) == "1")
            Posix.StartNewSession();

        var settings = LoadInstance(context).Settings;
        if (waitMilliseconds >= 20)
        {
            context.Info($"Sleeping for {waitMilliseconds}ms...");
            await Task.Delay(waitMilliseconds, cancellation);
        }

        var stored = settings.ReadCertificate();
        using var certificate = stored.Certificate ?? throw new ControlledFailureException(stored.WhyUnavailable ??
            "This Tentacle has no certificate, so it cannot listen. Run new-certificate or import-certificate first.");

        using var shutdown = new ShutdownSignal(watchStandardInput: !context.Noninteractive);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token, cancellation);
        if (settings.NoListen)
        {
            context.Info("Agent will not listen on any TCP ports");
            await WaitUntilStoppedAsync(stopping.Token);
            return;
        }

        // Lab hosts share the machine's network: "all interfaces" on one host would also answer on every other
        // host's address, so in the lab it means the host's own address, as it does on a real machine.
        var address = settings.ListenIpAddress is { } ip ? IPAddress.Parse(ip)
            : Environment.GetEnvironmentVariable("LAB_ADDRESS") is { Length: > 0 } labAddress ? IPAddress.Parse(labAddress)
            : IPAddress.Any;
        var trusted = settings.TrustedServers.Select(s => s.Thumbprint).ToHashSet(StringComparer.Ordinal);
        await new AgentListener(certificate, trusted).RunAsync(
            new IPEndPoint(address, settings.Port),
            endpoint => context.Info($"Agent listening on: {endpoint}"),
            stopping.Token);
    }

    static async Task WaitUntilStoppedAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }
    }
}
