using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;

namespace Coordinator.Actors.Bootstrap;

/// <summary>
/// The latest lines the hosts of output-streaming runs printed, for <c>--follow</c> to show: in memory only, a bounded
/// number of lines per run and a bounded number of runs, so a chatty installer cannot grow the coordinator.
/// </summary>
internal sealed class RunOutputBuffer(int linesPerRun = RunOutputBuffer.DefaultLinesPerRun, int runsKept = RunOutputBuffer.DefaultRunsKept)
{
    public const int DefaultLinesPerRun = 2000;
    public const int DefaultRunsKept = 4;

    private readonly Dictionary<string, Queue<RunOutputLine>> _runs = new(StringComparer.Ordinal);
    private readonly Queue<string> _oldestFirst = new();
    private long _sequence;

    public void Add(string runId, MachineReports.StepOutput output)
    {
        if (!_runs.TryGetValue(runId, out var lines))
        {
            if (_oldestFirst.Count == runsKept)
            {
                _runs.Remove(_oldestFirst.Dequeue());
            }

            _runs[runId] = lines = new Queue<RunOutputLine>();
            _oldestFirst.Enqueue(runId);
        }

        if (lines.Count == linesPerRun)
        {
            lines.Dequeue();
        }

        lines.Enqueue(new RunOutputLine(++_sequence, output.Host, output.Step, output.IsError, output.Line));
    }

    /// <summary>The run's lines after <paramref name="sequence"/>, oldest first.</summary>
    public IReadOnlyList<RunOutputLine> After(string runId, long sequence) =>
        _runs.TryGetValue(runId, out var lines) ? [.. lines.Where(line => line.Sequence > sequence)] : [];
}
