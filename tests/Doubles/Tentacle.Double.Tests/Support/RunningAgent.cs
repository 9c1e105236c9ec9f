using System.Diagnostics;
using System.Net;
using System.Text;

namespace Tentacle.Double.Tests.Support;

/// <summary>A Tentacle listener process started by a test, stopped when the test ends.</summary>
public sealed class RunningAgent : IAsyncDisposable
{
    const string ListeningPrefix = "Agent listening on: ";
    static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    readonly Process process;
    readonly StringBuilder output = new();
    readonly TaskCompletionSource<IPEndPoint> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    RunningAgent(Process process) => this.process = process;

    public IPEndPoint Endpoint { get; private set; } = null!;
    public int ProcessId => process.Id;
    public Process Process => process;

    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    public static async Task<RunningAgent> StartAsync(ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var agent = new RunningAgent(process);
        process.OutputDataReceived += (_, e) => agent.Record(e.Data);
        process.ErrorDataReceived += (_, e) => agent.Record(e.Data);
        process.Exited += (_, _) => agent.listening.TrySetException(new InvalidOperationException("The agent exited before listening."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            agent.Endpoint = await agent.listening.Task.WaitAsync(StartLimit);
        }
        catch (Exception ex)
        {
            await agent.DisposeAsync();
            throw new InvalidOperationException($"The agent did not start listening: {agent.Output}", ex);
        }

        return agent;
    }

    void Record(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
        if (line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
            listening.TrySetResult(IPEndPoint.Parse(line[ListeningPrefix.Length..]));
    }

    public async Task<bool> HasExitedWithinAsync(TimeSpan limit)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(limit);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
