using Akka.Actor;
using Akka.Configuration;
using Coordinator.Protocol;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Cli.Tests;

/// <summary>
/// A real Akka.Remote ActorSystem named and secured like the coordinator host (untrusted mode, only
/// <c>/user/admin</c> selectable) whose admin actor answers with whatever the test supplies. It lets
/// the CLI be tested over the wire without the host project.
/// </summary>
internal sealed class StandInCoordinator : IAsyncDisposable
{
    private static readonly Config RemoteConfig = ConfigurationFactory.ParseString("""
        akka {
          loglevel = WARNING
          actor.provider = remote
          remote {
            untrusted-mode = on
            trusted-selection-paths = ["/user/admin"]
            dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
          }
        }
        """).WithFallback(ConfigurationFactory.ParseString(CoordinatorSerializer.Hocon));

    private readonly ActorSystem _system;

    private StandInCoordinator(ActorSystem system)
    {
        _system = system;
        var address = ((ExtendedActorSystem)system).Provider.DefaultAddress;
        Endpoint = new CoordinatorEndpoint(address.Host!, address.Port!.Value);
    }

    public CoordinatorEndpoint Endpoint { get; }

    /// <param name="answer">The admin actor's reply to each request; null means no reply.</param>
    public static StandInCoordinator Start(Func<object, object?> answer)
    {
        var system = ActorSystem.Create(CoordinatorAddress.SystemName, RemoteConfig);
        system.ActorOf(Props.Create(() => new AdminStandIn(answer)), CoordinatorAddress.AdminPath.Split('/').Last());
        return new StandInCoordinator(system);
    }

    public async ValueTask DisposeAsync() => await _system.Terminate();

    private sealed class AdminStandIn : ReceiveActor
    {
        public AdminStandIn(Func<object, object?> answer)
        {
            ReceiveAny(request =>
            {
                if (answer(request) is { } reply)
                {
                    Sender.Tell(reply);
                }
            });
        }
    }
}
