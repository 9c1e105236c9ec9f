using Coordinator.HostAccess;

namespace Coordinator.IisGateTests.Support;

/// <summary>
/// The stdout lines commands print on hosts, as they arrive, so a test waits for a script to say where it is (the IIS
/// script's <c>iis-mutex=waiting</c>, a holder's <c>acquired</c>) instead of sleeping and hoping.
/// </summary>
public sealed class LineWatch
{
    private readonly Lock _lock = new();
    private readonly List<(string Host, string Line)> _lines = [];
    private readonly List<(string Host, string Text, TaskCompletionSource Seen)> _waiters = [];

    public IProgress<CommandOutputLine> For(string host) => new Receiver(this, host);

    /// <summary>Completes once a stdout line on <paramref name="host"/> has contained <paramref name="text"/>, whenever it came.</summary>
    public async Task WaitForAsync(string host, string text, TimeSpan limit)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_lines.Any(l => l.Host == host && l.Line.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }

            _waiters.Add((host, text, seen));
        }

        try
        {
            await seen.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{host} printed no line with '{text}' within {limit}; it printed:\n{string.Join('\n', LinesOf(host))}");
        }
    }

    public IReadOnlyList<string> LinesOf(string host)
    {
        lock (_lock)
        {
            return [.. _lines.Where(l => l.Host == host).Select(l => l.Line)];
        }
    }

    private void Received(string host, CommandOutputLine line)
    {
        if (line.Stream != CommandOutputStream.Standard)
        {
            return;
        }

        lock (_lock)
        {
            _lines.Add((host, line.Text));
            foreach (var waiter in _waiters.Where(w => w.Host == host && line.Text.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private sealed class Receiver(LineWatch watch, string host) : IProgress<CommandOutputLine>
    {
        public void Report(CommandOutputLine value) => watch.Received(host, value);
    }
}

/// <summary>
/// The coordinator's SSH sessions with every command's output also shown to a <see cref="LineWatch"/>; what runs and how
/// is unchanged (the streaming overload returns the same result).
/// </summary>
public sealed class WatchedHostSessions(IHostSessions inner, LineWatch watch) : IHostSessions
{
    public IHostSession For(HostEndpoint host) => new WatchedSession(inner.For(host), watch.For(host.Name));

    public ValueTask CloseAsync(string hostName) => inner.CloseAsync(hostName);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class WatchedSession(IHostSession inner, IProgress<CommandOutputLine> output) : IHostSession
    {
        public HostEndpoint Host => inner.Host;

        public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

        public Task<CommandResult> RunAsync(HostCommand command, CancellationToken cancellationToken) =>
            inner.RunAsync(command, output, cancellationToken);

        public Task<CommandResult> RunAsync(HostCommand command, IProgress<CommandOutputLine>? progress, CancellationToken cancellationToken) =>
            inner.RunAsync(command, progress is null ? output : new Both(output, progress), cancellationToken);

        public Task UploadAsync(ReadOnlyMemory<byte> content, string remotePath, UnixFileMode mode, CancellationToken cancellationToken) =>
            inner.UploadAsync(content, remotePath, mode, cancellationToken);

        public Task UploadAsync(Stream content, string remotePath, UnixFileMode mode, CancellationToken cancellationToken) =>
            inner.UploadAsync(content, remotePath, mode, cancellationToken);

        public Task DeleteAsync(string remotePath, CancellationToken cancellationToken) => inner.DeleteAsync(remotePath, cancellationToken);

        public Task<string> CreatePrivateTempPathAsync(string fileName, CancellationToken cancellationToken) =>
            inner.CreatePrivateTempPathAsync(fileName, cancellationToken);
    }

    private sealed class Both(IProgress<CommandOutputLine> first, IProgress<CommandOutputLine> second) : IProgress<CommandOutputLine>
    {
        public void Report(CommandOutputLine value)
        {
            first.Report(value);
            second.Report(value);
        }
    }
}
