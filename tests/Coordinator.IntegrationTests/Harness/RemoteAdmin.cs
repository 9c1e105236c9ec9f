using Akka.Actor;
using Akka.Configuration;
using Coordinator.Protocol;
using Coordinator.Protocol.Serialization;

namespace Coordinator.IntegrationTests.Harness;

/// <summary>
/// Talks to a running host's <c>/user/admin</c> over Akka.Remote the way the CLI does, for admin messages that
/// have no CLI command yet (enrolling a machine without a bootstrap run).
/// </summary>
internal sealed class RemoteAdmin : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly ActorSelection _admin;

    private RemoteAdmin(ActorSystem system, int port)
    {
        _system = system;
        _admin = system.ActorSelection(CoordinatorAddress.AdminActorPath("127.0.0.1", port));
    }

    public static RemoteAdmin Connect(int port)
    {
        var config = ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp.hostname = 127.0.0.1
            akka.remote.dot-netty.tcp.port = 0
            """).WithFallback(ConfigurationFactory.ParseString(CoordinatorSerializer.Hocon));
        return new RemoteAdmin(ActorSystem.Create("integration-tests", config), port);
    }

    public Task<TReply> AskAsync<TReply>(ICoordinatorMessage message) =>
        _admin.Ask<TReply>(message, TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync() => await _system.Terminate();
}
