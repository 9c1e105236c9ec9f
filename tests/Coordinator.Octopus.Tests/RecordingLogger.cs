using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Coordinator.Octopus.Tests;

/// <summary>Keeps every formatted log line, to check what the client logs (and that no secret is in it).</summary>
internal sealed class RecordingLogger : ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
}
