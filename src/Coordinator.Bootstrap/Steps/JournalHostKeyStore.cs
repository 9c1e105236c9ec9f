using Akka.Actor;
using Akka.Hosting;
using Coordinator.Actors.Hosting;
using Coordinator.HostAccess;
using Coordinator.Protocol.HostKeys;

namespace Coordinator.Bootstrap.Steps;

/// <summary>
/// The <c>accept-new</c> host keys, kept by the <c>HostKeyDirectory</c> actor in the journal: they survive restarts,
/// so a changed key is refused whether or not the coordinator was restarted since it first met the host.
/// </summary>
public sealed class JournalHostKeyStore(ActorRegistry registry) : IHostKeyStore
{
    private static readonly TimeSpan AnswerLimit = TimeSpan.FromSeconds(30);

    public async Task<HostPublicKey?> FindAsync(string hostName, CancellationToken cancellationToken)
    {
        var found = await AskAsync(new HostKeyMessages.Find(hostName), cancellationToken);
        return found.Key is { } key ? HostPublicKey.Parse($"{key.Type} {key.Data}") : null;
    }

    public async Task RecordAsync(string hostName, HostPublicKey key, CancellationToken cancellationToken) =>
        await AskAsync(new HostKeyMessages.Record(hostName, new RecordedHostKey(key.Type, key.Data, key.Fingerprint, DateTimeOffset.UtcNow)), cancellationToken);

    private async Task<HostKeyMessages.Found> AskAsync(object request, CancellationToken cancellationToken)
    {
        var directory = await registry.GetAsync<HostKeyDirectoryKey>(cancellationToken);
        return await directory.Ask<HostKeyMessages.Found>(request, AnswerLimit, cancellationToken);
    }
}
