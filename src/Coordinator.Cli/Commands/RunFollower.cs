using Coordinator.Cli.Output;
using Coordinator.Cli.Remote;
using Coordinator.Protocol.Fleet;
using Spectre.Console;

namespace Coordinator.Cli.Commands;

/// <summary>
/// Watches a run until it ends by asking for its progress twice a second: a live table on a terminal, one line per
/// change when output is piped, nothing but the final report under <c>--json</c>. A <c>--sequential</c> run also
/// streams what its host's commands print: every line when piped, the latest lines under the live table. Stopping
/// coord stops only the watching; the run goes on in the coordinator.
/// </summary>
public static class RunFollower
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>A coordinator busy starting many hosts may answer a poll late; only this long without any answer ends the watch.</summary>
    private static readonly TimeSpan PatienceWithoutAnswer = TimeSpan.FromSeconds(60);

    public static async Task<ExitCode> FollowAsync(
        AdminClient client, string runId, CommandOutput output, Terminal terminal, CancellationToken cancellationToken)
    {
        FleetCommands.RunProgress progress;
        try
        {
            progress = output.IsJson || terminal.OutIsRedirected
                ? await FollowQuietlyAsync(client, runId, output, cancellationToken)
                : await FollowLiveAsync(client, runId, output.Console, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure(ExitCode.UsageOrConnection,
                $"stopped watching; run {runId} goes on in the coordinator (coord runs shows it, coord cancel --run {runId} stops it)");
        }

        output.Show(new RunReportView(progress));
        return progress.Summary.Status == RunStatus.Completed && progress.Hosts.All(h => h.State == HostRunState.Succeeded)
            ? ExitCode.Ok
            : ExitCode.OperationFailed;
    }

    private static async Task<FleetCommands.RunProgress> FollowLiveAsync(
        AdminClient client, string runId, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var recent = new Queue<RunOutputLine>();
        var progress = await AskAsync(client, runId, 0, cancellationToken);
        Remember(recent, progress.Output);
        await console.Live(RunLiveView.Render(progress, recent)).StartAsync(async live =>
        {
            while (progress.Summary.Status == RunStatus.Running)
            {
                await Task.Delay(PollInterval, cancellationToken);
                progress = await AskAsync(client, runId, recent.LastOrDefault()?.Sequence ?? 0, cancellationToken);
                Remember(recent, progress.Output);
                live.UpdateTarget(RunLiveView.Render(progress, recent));
            }
        });
        return progress;
    }

    private static void Remember(Queue<RunOutputLine> recent, IReadOnlyList<RunOutputLine>? lines)
    {
        foreach (var line in lines ?? [])
        {
            recent.Enqueue(line);
            if (recent.Count > RunLiveView.OutputLinesShown)
            {
                recent.Dequeue();
            }
        }
    }

    private static async Task<FleetCommands.RunProgress> FollowQuietlyAsync(
        AdminClient client, string runId, CommandOutput output, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, HostProgress>(StringComparer.Ordinal);
        var lastLine = 0L;
        while (true)
        {
            var progress = await AskAsync(client, runId, lastLine, cancellationToken);
            foreach (var line in progress.Output ?? [])
            {
                if (!output.IsJson)
                {
                    output.Console.WriteLine(RunLiveView.OutputLine(line));
                }

                lastLine = line.Sequence;
            }

            foreach (var host in progress.Hosts)
            {
                foreach (var line in output.IsJson ? [] : RunLiveView.Changes(seen.GetValueOrDefault(host.Host), host))
                {
                    output.Console.WriteLine(line);
                }

                seen[host.Host] = host;
            }

            if (progress.Summary.Status != RunStatus.Running)
            {
                return progress;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static async Task<FleetCommands.RunProgress> AskAsync(AdminClient client, string runId, long outputAfter, CancellationToken cancellationToken)
    {
        var giveUpAt = DateTime.UtcNow + PatienceWithoutAnswer;
        while (true)
        {
            try
            {
                return await client.AskAsync<FleetCommands.RunProgress>(new FleetCommands.GetRunProgress(runId, outputAfter), cancellationToken);
            }
            catch (CliFailure unanswered) when (unanswered.ExitCode == ExitCode.UsageOrConnection && DateTime.UtcNow < giveUpAt)
            {
                // No answer in time: ask again rather than abandon a run that is still going.
            }
        }
    }
}
