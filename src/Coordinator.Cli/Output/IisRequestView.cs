using Coordinator.Cli.Commands;
using Spectre.Console;

namespace Coordinator.Cli.Output;

/// <summary><c>coord iis apply|remove-sites</c>: per host, the operations its gate queued (or their outcomes), or why it refused them.</summary>
public sealed class IisRequestView(IReadOnlyList<IisHostRequest> requests) : IView
{
    public void Render(IAnsiConsole console)
    {
        var skipped = requests.Where(r => r.Skipped).Select(r => r.Host).ToList();
        if (skipped.Count > 0)
        {
            console.WriteLine($"Skipped {skipped.Count} Linux host{(skipped.Count == 1 ? "" : "s")} (no IIS): {string.Join(", ", skipped)}");
        }

        foreach (var request in requests.Where(r => !r.Skipped))
        {
            if (request.Refusal is not null)
            {
                continue; // on stderr already
            }

            console.WriteLine($"{request.Host}:");
            var table = IisQueueView.Table();
            foreach (var view in request.Operations)
            {
                IisQueueView.AddRow(table, view);
            }

            console.Write(table);
        }
    }

    public object ToJson() => requests.Select(r => new
    {
        r.Host,
        r.Refusal,
        r.Skipped,
        Operations = r.Operations.Select(IisQueueView.Json),
    });
}
