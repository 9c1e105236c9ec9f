using Renci.SshNet;
using Renci.SshNet.Common;

namespace Coordinator.HostAccess;

/// <summary>
/// A command started on a host: its SSH.NET command, the task that completes when its channel closes and, when
/// a caller follows its output, the threads reading it.
/// </summary>
internal sealed class RunningCommand : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, int> SignalNumbers = new Dictionary<string, int>
    {
        ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["ILL"] = 4, ["ABRT"] = 6, ["FPE"] = 8, ["KILL"] = 9,
        ["USR1"] = 10, ["SEGV"] = 11, ["USR2"] = 12, ["PIPE"] = 13, ["ALRM"] = 14, ["TERM"] = 15,
    };

    private readonly SshCommand _command;
    private readonly StreamedOutput? _streamed;

    private RunningCommand(SshCommand command, Task execution, StreamedOutput? streamed)
    {
        _command = command;
        Execution = execution;
        _streamed = streamed;
    }

    public Task Execution { get; }

    /// <summary>
    /// Opens a channel and sends the exec request. SSH.NET waits for the server's answers to both on the
    /// calling thread, so callers run this on the thread pool; the command itself then runs without a thread,
    /// unless <paramref name="output"/> follows it (see <see cref="StreamedOutput"/>).
    /// An exception from here means the command never started.
    /// </summary>
    public static RunningCommand Start(
        SshClient client, RemoteCommandLine line, IProgress<CommandOutputLine>? output, CancellationToken cancellationToken)
    {
        var command = client.CreateCommand(line.Text);
        try
        {
            var execution = command.ExecuteAsync(cancellationToken);
            var streamed = output is null ? null : StreamedOutput.Start(command, client.ConnectionInfo.Encoding, output);
            return new RunningCommand(command, execution, streamed);
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

    /// <summary>
    /// What the command wrote to stdout and stderr, once <see cref="Execution"/> has completed; after a timeout,
    /// a cancellation or a dropped connection, what arrived before. Streamed output is collected after the
    /// channel is closed, which guarantees its reading threads end.
    /// </summary>
    public async Task<(string StandardOutput, string StandardError)> CollectOutputAsync()
    {
        if (_streamed is null)
        {
            return (_command.Result, _command.Error);
        }

        _command.Dispose();
        await _streamed.Ended;
        return (_streamed.StandardOutput, _streamed.StandardError);
    }

    /// <summary>
    /// Closes the channel, if the command has not already, and waits until the last line of streamed output
    /// has been reported: no line reaches the caller after its call has returned or thrown.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _command.Dispose();
        if (_streamed is not null)
        {
            await _streamed.Ended;
        }
    }
}
