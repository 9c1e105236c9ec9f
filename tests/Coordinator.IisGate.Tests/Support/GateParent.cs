using System.Collections.Concurrent;
using Akka.Actor;
using Coordinator.Actors.Iis;

namespace Coordinator.IisGateTests.Support;

/// <summary>
/// Stands where the MachineActor stands: the gate is its child (named as the machine names it) and tells it
/// <see cref="IisGate.Busy"/>; everything else sent here goes on to the gate, sender kept.
/// </summary>
public sealed class GateParent : ReceiveActor
{
    public GateParent(Props gate, ConcurrentQueue<bool> busyReports)
    {
        var child = Context.ActorOf(gate, IisGate.ChildName);
        Receive<IisGate.Busy>(busy => busyReports.Enqueue(busy.HasWork));
        ReceiveAny(message => child.Forward(message));
    }

    public static Props Props(Props gate, ConcurrentQueue<bool> busyReports) =>
        Akka.Actor.Props.Create(() => new GateParent(gate, busyReports));
}
