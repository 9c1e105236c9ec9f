using Coordinator.Benchmarks;
using Coordinator.Benchmarks.Reporting;

// Bootstraps a simulated fleet through the real coordinator, in this process, and reports how long it took against
// one host's path. Exit codes: 0 every host succeeded; 1 a host failed, the deadline passed or the benchmark broke;
// 2 bad arguments.

var parse = BenchmarkCommandLine.Create(RunAsync).Parse(args);
if (parse.Errors.Count > 0)
{
    await parse.InvokeAsync();
    return 2;
}

return await parse.InvokeAsync();

static async Task<int> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
{
    using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    deadline.CancelAfter(options.Deadline);
    using var watchdog = Watchdog.Arm(options.Deadline);
    try
    {
        var result = await BenchmarkRun.RunAsync(options, Console.Out, deadline.Token);
        ConsoleSummary.Write(result, Console.Out);
        if (options.Output is { } output)
        {
            await MarkdownReport.WriteAsync(result, output);
            Console.WriteLine($"Report written to {output}");
        }

        return result.Succeeded ? 0 : 1;
    }
    catch (BenchmarkFailedException e)
    {
        await Console.Error.WriteLineAsync($"Benchmark failed: {e.Message}");
        return 1;
    }
    catch (OperationCanceledException) when (deadline.IsCancellationRequested)
    {
        await Console.Error.WriteLineAsync($"Benchmark failed: it did not finish within its {options.Deadline} deadline.");
        return 1;
    }
}
