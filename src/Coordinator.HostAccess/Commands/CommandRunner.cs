using System.Diagnostics;
using Renci.SshNet;

namespace Coordinator.HostAccess;

/// <summary>Runs <see cref="HostCommand"/>s over a host's reused shell connection.</summary>
internal sealed class CommandRunner(HostEndpoint host, HostAccessOptions options, ReusableConnection<SshClient> shell)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    public async Task<CommandResult> RunAsync(HostCommand command, IProgress<CommandOutputLine>? output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var line = RemoteCommandLine.For(host, command, options.KillGracePeriod);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Started before the command is sent: the host's own timer starts later, so a command the host stopped
        // at its limit always shows at least that limit here (see RemoteCommandLine.MeansTimedOut).
        var stopwatch = Stopwatch.StartNew();
        var (client, running) = await StartAsync(command, line, output, deadline.Token, cancellationToken);
        await using (running)
        {
            deadline.CancelAfter(line.LocalDeadline);
            try
            {
                await running.Execution;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await StopOnHostAsync(client, line);
                throw new HostCommandTimeoutException(
                    host, command, await PartialOutputOfAsync(running), stoppedOnHost: line.StopText is not null);
            }
            catch (OperationCanceledException)
            {
                await StopOnHostAsync(client, line);
                throw;
            }
            catch (Exception e) when (BrokenConnection.Is(e))
            {
                shell.Discard(client);
                throw new HostConnectionLostException(host, command.ToString(), e);
            }

            var (standardOutput, standardError) = await running.CollectOutputAsync();
            var result = new CommandResult(running.ExitCode, standardOutput, standardError, stopwatch.Elapsed);
            if (line.MeansTimedOut(result.ExitCode, result.Elapsed, command.Timeout))
            {
                throw new HostCommandTimeoutException(host, command, result.Tail());
            }

            return result;
        }
    }

    /// <summary>
    /// Starts the command, on a fresh connection if the reused one turns out to have dropped: a command whose
    /// channel could not even be opened never reached the host, so sending it again is safe.
    /// </summary>
    private async Task<(SshClient Client, RunningCommand Running)> StartAsync(
        HostCommand command,
        RemoteCommandLine line,
        IProgress<CommandOutputLine>? output,
        CancellationToken commandToken,
        CancellationToken cancellationToken)
    {
        var client = await shell.GetAsync(cancellationToken);
        try
        {
            return (client, await StartOnAsync(client, line, output, commandToken));
        }
        catch (Exception e) when (BrokenConnection.Is(e))
        {
            shell.Discard(client);
        }

        client = await shell.GetAsync(cancellationToken);
        try
        {
            return (client, await StartOnAsync(client, line, output, commandToken));
        }
        catch (Exception e) when (BrokenConnection.Is(e))
        {
            shell.Discard(client);
            throw new HostConnectionLostException(host, $"the start of {command}", e);
        }
    }

    /// <summary>
    /// Best effort: sshd refuses SSH signal requests in root sessions, and closing the channel leaves the
    /// command running, so a cancelled command is stopped by a second command.
    /// </summary>
    private static async Task StopOnHostAsync(SshClient client, RemoteCommandLine line)
    {
        if (line.StopText is null)
        {
            return;
        }

        using var limit = new CancellationTokenSource(StopTimeout);
        try
        {
            var stop = line with { Text = line.StopText, Input = [] };
            await using var running = await StartOnAsync(client, stop, output: null, limit.Token);
            await running.Execution;
        }
        catch (Exception e) when (e is OperationCanceledException || BrokenConnection.Is(e))
        {
            // The command still ends at its own limit on the host.
        }
    }

    private static Task<RunningCommand> StartOnAsync(
        SshClient client, RemoteCommandLine line, IProgress<CommandOutputLine>? output, CancellationToken commandToken) =>
        Task.Run(
            () =>
            {
                var running = RunningCommand.Start(client, line, output, commandToken);
                running.SendInput(line.Input);
                return running;
            },
            CancellationToken.None);

    private static async Task<string> PartialOutputOfAsync(RunningCommand running)
    {
        try
        {
            var (standardOutput, standardError) = await running.CollectOutputAsync();
            return OutputTail.Of(standardError, standardOutput, 20);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            return "";
        }
    }
}
