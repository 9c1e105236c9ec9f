namespace OctopusServer.Double.Pipeline;

/// <summary>One request as the double saw it. The API key is never recorded, only whether one was presented.</summary>
public sealed record RequestLogEntry(
    DateTimeOffset Time,
    string Method,
    string PathAndQuery,
    int StatusCode,
    bool ApiKeyPresented,
    bool Aborted);

/// <summary>Every request the double has answered (or abandoned), in completion order.</summary>
public sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<RequestLogEntry> _entries = [];
    private readonly Action<RequestLogEntry>? _observer;

    internal RequestLog(Action<RequestLogEntry>? observer) => _observer = observer;

    public IReadOnlyList<RequestLogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }

        _observer?.Invoke(entry);
    }
}
