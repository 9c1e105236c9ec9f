using Coordinator.Cli.Output;
using Coordinator.Cli.Remote;
using Coordinator.Protocol.Iis;
using Spectre.Console;

namespace Coordinator.Cli.Commands;

/// <summary>
/// Watches queued IIS operations until every one has finished, asking their gates twice a second and printing a line
/// per change (nothing but the final document under <c>--json</c>). Stopping coord stops only the watching: the
/// operations stay queued in the coordinator.
/// </summary>
public static class IisFollower
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<List<IisHostRequest>> FollowAsync(
        AdminClient client, List<IisHostRequest> requests, CommandOutput output, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<(string Host, long Number), IisOperationView>();
        try
        {
            while (true)
            {
                var current = new List<IisHostRequest>();
                foreach (var request in requests)
                {
                    current.Add(request.Refusal is not null || request.Operations.All(o => o.IsFinished)
                        ? request
                        : request with { Operations = await LatestAsync(client, request, cancellationToken) });
                }

                foreach (var (host, view) in current.SelectMany(r => r.Operations.Select(o => (r.Host, o))))
                {
                    if (!output.IsJson && IisQueueView.Change(seen.GetValueOrDefault((host, view.Number)), view) is { } line)
                    {
                        output.Console.WriteLine($"{host} {line}");
                    }

                    seen[(host, view.Number)] = view;
                }

                requests = current;
                if (requests.All(r => r.Operations.All(o => o.IsFinished)))
                {
                    return requests;
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure(ExitCode.UsageOrConnection, "stopped watching; the operations stay queued in the coordinator (coord iis queue shows them)");
        }
    }

    private static async Task<IReadOnlyList<IisOperationView>> LatestAsync(AdminClient client, IisHostRequest request, CancellationToken cancellationToken)
    {
        var numbers = request.Operations.Select(o => o.Number).ToList();
        var latest = (await IisCommand.AskAsync<IisCommands.IisOperations>(client, new IisCommands.GetOperations(request.Host, numbers), cancellationToken)).Operations;

        // The gate keeps the latest 200 outcomes; one that dropped out is reported as not known to have succeeded.
        return [.. request.Operations.Select(before => latest.FirstOrDefault(o => o.Number == before.Number)
            ?? before with { State = IisOperationState.Failed, Position = 0, Detail = "finished, but the gate no longer keeps its outcome; the coordinator's log has it" })];
    }
}
