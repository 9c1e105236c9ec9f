using System.Diagnostics;
using System.Text;

namespace WindowsDoubles.Tests;

/// <summary>How a double ended: the 8-bit Linux exit status and the full Windows exit code it reported.</summary>
internal sealed record ProgramOutcome(int ExitCode, int? WindowsExitCode, string Stdout, string Stderr);

/// <summary>
/// A double started as a real process, with its output collected as it arrives so a test can wait for a
/// line (a signal) instead of sleeping. Killed on dispose if still running.
/// </summary>
internal sealed class RunningProgram : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _exitCodeFile;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningProgram(Process process, string exitCodeFile)
    {
        _process = process;
        _exitCodeFile = exitCodeFile;
    }

    public int Id => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_gate) return _stdout.ToString();
        }
    }

    public static RunningProgram Start(string program, IEnumerable<string> arguments, WindowsMachine machine, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = machine.Scratch,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in machine.Environment) start.Environment[name] = value;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var exitCodeFile = Path.Combine(machine.Scratch, $"exit-code-{Guid.NewGuid():N}");
        start.Environment["LAB_EXIT_CODE_FILE"] = exitCodeFile;

        var process = new Process { StartInfo = start };
        var running = new RunningProgram(process, exitCodeFile);
        process.OutputDataReceived += (_, e) => running.Received(e.Data, running._stdout, running._stdoutClosed);
        process.ErrorDataReceived += (_, e) => running.Received(e.Data, running._stderr, running._stderrClosed);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    public static async Task<ProgramOutcome> RunAsync(string program, IEnumerable<string> arguments, WindowsMachine machine,
        IDictionary<string, string>? environment = null, string? standardInput = null)
    {
        await using var running = Start(program, arguments, machine, environment);
        if (standardInput is not null) await running.WriteAsync(standardInput);
        running.CloseInput();
        return await running.WaitForExitAsync();
    }

    public async Task WriteAsync(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        await _process.StandardInput.FlushAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Completes when a stdout line containing <paramref name="text"/> has been printed.</summary>
    public Task WaitForLineAsync(string text, TimeSpan? timeout = null)
    {
        TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_stdout.ToString().Contains(text)) return Task.CompletedTask;
            _waiters.Add((text, seen));
        }
        return seen.Task.WaitAsync(timeout ?? DefaultTimeout);
    }

    public async Task<ProgramOutcome> WaitForExitAsync(TimeSpan? timeout = null)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout ?? DefaultTimeout);
        await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(timeout ?? DefaultTimeout);
        int? windowsExitCode = File.Exists(_exitCodeFile) ? int.Parse(await File.ReadAllTextAsync(_exitCodeFile)) : null;
        lock (_gate) return new ProgramOutcome(_process.ExitCode, windowsExitCode, _stdout.ToString(), _stderr.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Received(string? line, StringBuilder buffer, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }
        lock (_gate)
        {
            buffer.AppendLine(line);
            if (buffer != _stdout) return;
            foreach (var waiter in _waiters.Where(w => line.Contains(w.Text)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
