using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>
/// What the coordinator's journal takes on this machine with nothing else running: as many persistent actors as the
/// fleet had hosts, started at once, each persisting as many events as a host did, one after another (each waits for
/// its own write), as machine actors do. The fleet's events divided by this rate is the least time the journal alone
/// needs for them.
/// </summary>
public static class JournalCapacity
{
    // About the size of a serialized StepCompleted event.
    private static readonly string Payload = new('x', 300);

    public static async Task<double> EventsPerSecondAsync(ActorSystem system, int actors, int eventsEach, CancellationToken cancellationToken)
    {
        var prefix = $"journal-capacity-{Guid.NewGuid():N}";
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, actors)
            .Select(i => system.ActorOf(Props.Create(() => new JournalWriter($"{prefix}-{i}", eventsEach))))
            .ToList();
        try
        {
            await Task.WhenAll(writers.Select(writer => writer.Ask<Written>(Write.Instance, TimeSpan.FromMinutes(5), cancellationToken)));
        }
        catch (AskTimeoutException)
        {
            throw new BenchmarkFailedException($"{actors} actors could not persist {eventsEach} events each within 5 minutes");
        }
        finally
        {
            writers.ForEach(writer => writer.Tell(PoisonPill.Instance));
        }

        return actors * eventsEach / clock.Elapsed.TotalSeconds;
    }

    private sealed class JournalWriter : ReceivePersistentActor
    {
        public JournalWriter(string persistenceId, int events)
        {
            PersistenceId = persistenceId;
            Command<Write>(_ => PersistNext(Sender, events));
        }

        public override string PersistenceId { get; }

        private void PersistNext(IActorRef replyTo, int remaining)
        {
            if (remaining == 0)
            {
                replyTo.Tell(Written.Instance);
                return;
            }

            Persist(Payload, _ => PersistNext(replyTo, remaining - 1));
        }
    }

    private sealed record Write
    {
        public static readonly Write Instance = new();
    }

    private sealed record Written
    {
        public static readonly Written Instance = new();
    }
}
