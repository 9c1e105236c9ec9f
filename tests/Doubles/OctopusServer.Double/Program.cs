using System.Runtime.InteropServices;

namespace OctopusServer.Double;

/// <summary>Runs the double on its own, for a lab or a manual session, until Ctrl+C or SIGTERM.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (StandaloneArguments.AsksForHelp(args))
        {
            Console.WriteLine(StandaloneArguments.Usage);
            return 0;
        }

        var arguments = StandaloneArguments.Parse(args, Environment.GetEnvironmentVariable(StandaloneArguments.ApiKeyVariable), out var error);
        if (arguments is null)
        {
            await Console.Error.WriteLineAsync(error);
            await Console.Error.WriteLineAsync(StandaloneArguments.Usage);
            return 2;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.TrySetResult();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        var options = arguments.Options with
        {
            OnRequest = entry => Console.WriteLine($"{entry.Method} {entry.PathAndQuery} -> {entry.StatusCode}{(entry.Aborted ? " (aborted)" : "")}"),
        };
        await using var server = await OctopusServerDouble.StartAsync(options);
        foreach (var (statusCode, rate) in arguments.ErrorRates)
        {
            server.Faults.SetErrorRate(statusCode, rate);
        }

        server.Faults.SetLatency(arguments.Latency);
        server.Faults.SetHangRate(arguments.HangRate);

        Console.WriteLine($"Octopus Server double listening on {server.BaseUri}");
        Console.WriteLine($"Server certificate thumbprint: {server.ServerThumbprint}");
        if (server.HttpsThumbprint is { } https)
        {
            Console.WriteLine($"HTTPS certificate thumbprint: {https}");
        }

        Console.WriteLine("Press Ctrl+C to stop.");
        await stop.Task;
        Console.WriteLine("Stopping.");
        return 0;
    }
}
