using Akka.Actor;
using Coordinator.Protocol.Admin;
using Coordinator.Protocol.Fleet;

namespace Coordinator.Actors.Admin;

/// <summary>
/// The only actor the CLI may reach over Akka.Remote (untrusted mode trusts just <c>/user/admin</c>). It answers
/// what it knows itself and forwards the rest, so replies go straight back to the CLI.
/// </summary>
public sealed class AdminEndpoint : ReceiveActor
{
    public const string Name = "admin";

    public AdminEndpoint(NodeInfo node, IActorRef bootstrap)
    {
        var nodeAddress = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();

        Receive<AdminMessages.Ping>(_ => Sender.Tell(new AdminMessages.Pong(
            node.Version,
            node.StartedAt,
            DateTimeOffset.UtcNow - node.StartedAt,
            node.StoreKind,
            node.StoreLocation,
            nodeAddress)));
        Receive<AdminMessages.GetFleetStatus>(query => bootstrap.Forward(query));
        Receive<FleetCommands.Enroll>(enroll => bootstrap.Forward(enroll));
        Receive<FleetCommands.StartRun>(start => bootstrap.Forward(start));
        Receive<FleetCommands.CancelRun>(cancel => bootstrap.Forward(cancel));
        Receive<FleetCommands.GetRuns>(query => bootstrap.Forward(query));
    }

    public static Props Props(NodeInfo node, IActorRef bootstrap) =>
        Akka.Actor.Props.Create(() => new AdminEndpoint(node, bootstrap));
}
