using Coordinator.Cli.Commands;
using Spectre.Console;

namespace Coordinator.Cli.Output;

/// <summary><c>coord iis apply|remove-sites</c>: per host, the operations its gate queued (or their outcomes), or why it refused them.</summary>
public sealed class IisRequestView(IReadOnlyList<IisHostRequest> requests) : IView
{
    public void Render(IAnsiConsole console)
    {
        foreach (var request in requests)
        {
            if (request.Skipped)
            {
                console.WriteLine($"{request.Host}: skipped: {request.Refusal}");
                continue;
            }

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
