using System.Collections.Immutable;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.HostKeys;

/// <summary>
/// The SSH host keys recorded under the <c>accept-new</c> policy, persisted as <c>host-keys</c>: the first key a host
/// presents is kept, and a different one later is refused until an operator resets it.
/// </summary>
public static class HostKeyMessages
{
    /// <summary>Reply: <see cref="Found"/>.</summary>
    [Manifest("host-keys.find.v1")]
    public sealed record Find(string Host) : ICoordinatorMessage, IWithHost;

    /// <param name="Key">The recorded key, or null when the host has none yet.</param>
    [Manifest("host-keys.found.v1")]
    public sealed record Found(string Host, RecordedHostKey? Key) : ICoordinatorMessage, IWithHost;

    /// <summary>Record the first key seen. A host that already has a key keeps it. Reply: <see cref="Found"/> with the key kept.</summary>
    [Manifest("host-keys.record.v1")]
    public sealed record Record(string Host, RecordedHostKey Key) : ICoordinatorMessage, IWithHost;

    /// <summary><c>coord hosts reset-key</c>: forget the host's key so the next connection records the one it presents. Reply: <see cref="Found"/> with the key dropped.</summary>
    [Manifest("host-keys.reset.v1")]
    public sealed record Reset(string Host) : ICoordinatorMessage, IWithHost;

    public interface IHostKeyEvent : ICoordinatorMessage, IWithHost;

    [Manifest("host-keys.recorded.v1")]
    public sealed record Recorded(string Host, RecordedHostKey Key, DateTimeOffset At) : IHostKeyEvent;

    [Manifest("host-keys.removed.v1")]
    public sealed record Removed(string Host, DateTimeOffset At) : IHostKeyEvent;
}

/// <param name="Type">The key type (<c>ssh-ed25519</c>).</param>
/// <param name="Data">The base64 of the public key blob, as known_hosts writes it.</param>
/// <param name="Fingerprint"><c>SHA256:…</c>, as ssh shows it.</param>
public sealed record RecordedHostKey(string Type, string Data, string Fingerprint, DateTimeOffset RecordedAt);

/// <summary>Every recorded host key; also the snapshot.</summary>
[Manifest("host-keys.state.v1")]
public sealed record HostKeyState(ImmutableSortedDictionary<string, RecordedHostKey> Keys) : ICoordinatorMessage
{
    public static readonly HostKeyState Empty = new(ImmutableSortedDictionary.Create<string, RecordedHostKey>(StringComparer.Ordinal));

    public HostKeyState Apply(HostKeyMessages.IHostKeyEvent @event) => @event switch
    {
        HostKeyMessages.Recorded e => Keys.ContainsKey(e.Host) ? this : new(Keys.Add(e.Host, e.Key)),
        HostKeyMessages.Removed e => new(Keys.Remove(e.Host)),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unhandled host-key event."),
    };
}
