namespace Coordinator.HostAccess.Tests;

/// <summary>
/// Keeps every reported line, on the thread that reports it. <see cref="Progress{T}"/> would post each line to
/// the thread pool, where they can overtake one another, so it could not show the order they came in.
/// </summary>
internal sealed class RecordedLines : IProgress<CommandOutputLine>
{
    private readonly Lock _gate = new();
    private readonly List<CommandOutputLine> _lines = [];
    private readonly List<(CommandOutputLine Line, TaskCompletionSource Reported)> _awaited = [];

    public IReadOnlyList<CommandOutputLine> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public IReadOnlyList<string> Of(CommandOutputStream stream) =>
        All.Where(line => line.Stream == stream).Select(line => line.Text).ToList();

    /// <summary>Completes when <paramref name="line"/> is reported (at once if it already was).</summary>
    public Task WhenReported(CommandOutputLine line)
    {
        lock (_gate)
        {
            if (_lines.Contains(line))
            {
                return Task.CompletedTask;
            }

            var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _awaited.Add((line, reported));
            return reported.Task;
        }
    }

    public void Report(CommandOutputLine value)
    {
        lock (_gate)
        {
            _lines.Add(value);
            foreach (var (line, reported) in _awaited.Where(awaited => awaited.Line == value))
            {
                reported.TrySetResult();
            }
        }
    }
}
