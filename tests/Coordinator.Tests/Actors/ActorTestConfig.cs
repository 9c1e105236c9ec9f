using Akka.Configuration;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Tests.Actors;

/// <summary>
/// Fast actor tests: in-memory journal, our serializer, and every message forced through serialization so a
/// message that could not cross Akka.Remote or reach the journal fails here first.
/// </summary>
internal static class ActorTestConfig
{
    public static Config Create() => ConfigurationFactory.ParseString("""
        akka.loglevel = INFO
        # The suite shares 2 cores with other test assemblies: allow for a slow moment. Waits end as soon as
        # the message arrives, so this only lengthens a failing test.
        akka.test.single-expect-default = 15s
        akka.test.default-timeout = 15s
        akka.actor.serialize-messages = on
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """).WithFallback(ConfigurationFactory.ParseString(CoordinatorSerializer.Hocon));
}
