using System.Diagnostics;
using System.Text;

namespace Coordinator.Iis.Tests.Support;

/// <summary>
/// A program started as a real process, its output collected as it arrives so a test can wait for a line (a signal)
/// instead of sleeping. Every wait has a deadline; the process tree is killed on dispose if still running.
/// </summary>
public sealed class RunningProcess : IAsyncDisposable
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    readonly Process process;
    readonly StringBuilder stdout = new();
    readonly StringBuilder stderr = new();
    readonly Lock gate = new();
    readonly List<(string Text, TaskCompletionSource Seen)> waiters = [];
    readonly TaskCompletionSource stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    RunningProcess(Process process) => this.process = process;

    public bool HasExited => process.HasExited;

    public static RunningProcess Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var running = new RunningProcess(process);
        process.OutputDataReceived += (_, e) => running.Received(e.Data, running.stdout, running.stdoutClosed);
        process.ErrorDataReceived += (_, e) => running.Received(e.Data, running.stderr, running.stderrClosed);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    public async Task WriteLineAsync(string line)
    {
        await process.StandardInput.WriteLineAsync(line);
        await process.StandardInput.FlushAsync();
    }

    public void CloseInput() => process.StandardInput.Close();

    /// <summary>Completes when a stdout line containing <paramref name="text"/> has been printed; fails if the process ends first.</summary>
    public async Task WaitForLineAsync(string text)
    {
        TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (stdout.ToString().Contains(text, StringComparison.Ordinal))
                return;
            waiters.Add((text, seen));
        }

        var ended = stdoutClosed.Task.ContinueWith(_ => throw new InvalidOperationException(
            $"The process ended before printing '{text}'.\n{Snapshot()}"), TaskScheduler.Default);
        await (await Task.WhenAny(seen.Task, ended).WaitAsync(Limit));
    }

    public async Task<RunResult> WaitForExitAsync()
    {
        await process.WaitForExitAsync().WaitAsync(Limit);
        await Task.WhenAll(stdoutClosed.Task, stderrClosed.Task).WaitAsync(Limit);
        return Snapshot();
    }

    /// <summary>Runs to the end with nothing on stdin.</summary>
    public static async Task<RunResult> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        await using var running = Start(program, arguments, environment, workingDirectory);
        running.CloseInput();
        return await running.WaitForExitAsync();
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

    RunResult Snapshot()
    {
        lock (gate)
            return new RunResult(process.HasExited ? process.ExitCode : -1, stdout.ToString(), stderr.ToString());
    }

    void Received(string? line, StringBuilder buffer, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (gate)
        {
            buffer.Append(line).Append('\n');
            if (buffer != stdout)
                return;
            foreach (var waiter in waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult();
                waiters.Remove(waiter);
            }
        }
    }
}
