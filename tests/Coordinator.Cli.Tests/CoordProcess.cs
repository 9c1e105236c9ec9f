using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Coordinator.Cli.Tests;

/// <summary>Runs the built <c>coord.dll</c> as operators do, with a bounded wait.</summary>
internal static class CoordProcess
{
    public sealed record Result(int ExitCode, string Out, string Error, TimeSpan Elapsed);

    /// <summary>Generous for a loaded 2-core CI machine starting the runtime; a hung coord still fails fast.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static string CoordDll => Path.Combine(AppContext.BaseDirectory, "coord.dll");

    public static async Task<Result> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CoordDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The machine's own COORD_ENDPOINT must not decide where a test looks.
        start.Environment.Remove("COORD_ENDPOINT");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(Bound);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"coord {string.Join(' ', start.ArgumentList.Skip(1))} did not exit within {Bound}.");
        }

        return new Result(process.ExitCode, await output, await error, stopwatch.Elapsed);
    }

    /// <summary>A loopback port that was free a moment ago and that nothing listens on.</summary>
    public static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
