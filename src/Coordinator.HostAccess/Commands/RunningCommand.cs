using Renci.SshNet;
using Renci.SshNet.Common;

namespace Coordinator.HostAccess;

/// <summary>A command started on a host: its SSH.NET command and the task that completes when its channel closes.</summary>
internal sealed class RunningCommand : IDisposable
{
    private static readonly IReadOnlyDictionary<string, int> SignalNumbers = new Dictionary<string, int>
    {
        ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["ILL"] = 4, ["ABRT"] = 6, ["FPE"] = 8, ["KILL"] = 9,
        ["USR1"] = 10, ["SEGV"] = 11, ["USR2"] = 12, ["PIPE"] = 13, ["ALRM"] = 14, ["TERM"] = 15,
    };

    private readonly SshCommand _command;

    private RunningCommand(SshCommand command, Task execution)
    {
        _command = command;
        Execution = execution;
    }

    public Task Execution { get; }

    /// <summary>
    /// Opens a channel and sends the exec request. SSH.NET waits for the server's answers to both on the
    /// calling thread, so callers run this on the thread pool; the command itself then runs without a thread.
    /// An exception from here means the command never started.
    /// </summary>
    public static RunningCommand Start(SshClient client, RemoteCommandLine line, CancellationToken cancellationToken)
    {
        var command = client.CreateCommand(line.Text);
        try
        {
            return new RunningCommand(command, command.ExecuteAsync(cancellationToken));
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="input"/> to the command's stdin, then end of file.</summary>
    public void SendInput(byte[] input)
    {
        try
        {
            using var stdin = _command.CreateInputStream();
            stdin.Write(input);
        }
        catch (Exception e) when (e is InvalidOperationException or SshException or ObjectDisposedException or IOException)
        {
            // The command ended, or the connection broke, before taking its input: Execution tells which.
        }
    }

    /// <summary>The exit status; 128 + N for signal N; -1 when the host reported neither.</summary>
    public int ExitCode =>
        _command.ExitStatus
        ?? (_command.ExitSignal is { } signal && SignalNumbers.TryGetValue(signal, out var number) ? 128 + number : -1);

    public string StandardOutput => _command.Result;

    public string StandardError => _command.Error;

    /// <summary>Closes the channel, if the command has not already.</summary>
    public void Dispose() => _command.Dispose();
}
