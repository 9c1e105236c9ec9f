using System.Collections.Concurrent;

namespace Coordinator.Octopus;

/// <summary>
/// Names resolved to Octopus resources (environments, machine policies), kept for a short while: a fleet registering
/// hundreds of hosts at once asks the server once per name instead of once per host. Hosts asking at the same time
/// share one lookup; a failed lookup is not kept, so the next host asks again.
/// </summary>
internal sealed class RecentlyResolved<T>(TimeSpan keepFor, TimeProvider? clock = null)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public Task<T> GetAsync(string key, Func<Task<T>> resolve, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var entry = _entries.AddOrUpdate(
            key,
            _ => new Entry(now, new Lazy<Task<T>>(resolve)),
            (_, existing) => existing.IsUsable(now, keepFor) ? existing : new Entry(now, new Lazy<Task<T>>(resolve)));

        // One caller giving up must not cancel the lookup the others share.
        return entry.Lookup.Value.WaitAsync(cancellationToken);
    }

    private sealed record Entry(DateTimeOffset At, Lazy<Task<T>> Lookup)
    {
        public bool IsUsable(DateTimeOffset now, TimeSpan keepFor) =>
            now - At < keepFor && !(Lookup.IsValueCreated && (Lookup.Value.IsFaulted || Lookup.Value.IsCanceled));
    }
}
