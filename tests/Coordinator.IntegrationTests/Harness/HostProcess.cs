using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Coordinator.IntegrationTests.Harness;

/// <summary>
/// The real coordinator host as a child process on 127.0.0.1 and a free port, with its own data directory.
/// Ready when <c>coord ping</c> answers; stopped with SIGTERM (graceful) or SIGKILL (a crash).
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Cli = new CoordinatorCli(port);
    }

    public int Port { get; }

    public CoordinatorCli Cli { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static async Task<HostProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?>? extraEnvironment = null)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["COORD_DATA_DIR"] = dataDirectory,
            ["COORD_REMOTE_PORT"] = port.ToString(),
        };
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var process = new Process { StartInfo = ProcessRun.StartInfo(RepositoryLayout.HostDll, [], environment) };
        var host = new HostProcess(process, port);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await host.WaitUntilReadyAsync();
        return host;
    }

    /// <summary>SIGTERM, as systemd or Ctrl+C would send; waits for the process to exit.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, Sigterm);
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process dies mid-flight with no chance to flush or shut down.</summary>
    public async Task CrashAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await CrashAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        ProcessResult? last = null;
        while (clock.Elapsed < StartDeadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode} while starting:\n{Output}");
            }

            last = await Cli.RunAsync("ping");
            if (last.ExitCode == 0)
            {
                return;
            }
        }

        await CrashAsync();
        throw new TimeoutException($"The host did not answer ping within {StartDeadline}.\nLast ping: {last}\nHost output:\n{Output}");
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
