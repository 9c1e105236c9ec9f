using Akka.Actor;
using Akka.TestKit.Xunit2;
using Coordinator.Actors;
using Coordinator.Actors.Admin;
using Coordinator.Actors.Bootstrap;
using Coordinator.Actors.Machines;
using Coordinator.Protocol.Admin;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;

namespace Coordinator.Tests.Actors;

public sealed class BootstrapSupervisorTests() : TestKit(ActorTestConfig.Create())
{
    private IActorRef StartMachines() =>
        Sys.ActorOf(MachineEntityParent.Props(
            new MachineMessageExtractor(),
            host => MachineActor.Props(host, MachineActorSettings.Default, new StepRunnerNotConfigured(), new CountingCertificateIssuer())));

    [Fact]
    public void Enrolled_machines_appear_in_fleet_status_and_survive_a_supervisor_restart()
    {
        var machines = StartMachines();
        var supervisor = Sys.ActorOf(BootstrapSupervisor.Props(machines, BootstrapSupervisorSettings.Default));

        supervisor.Tell(new FleetCommands.Enroll("web-02", "Production", "10.0.0.2"));
        Assert.Equal("web-02", ExpectMsg<MachineState>().Host);
        supervisor.Tell(new FleetCommands.Enroll("api-01", "Staging", "10.0.0.3"));
        ExpectMsg<MachineState>();

        Watch(supervisor);
        supervisor.Tell(PoisonPill.Instance);
        ExpectTerminated(supervisor);

        var restarted = Sys.ActorOf(BootstrapSupervisor.Props(machines, BootstrapSupervisorSettings.Default));
        restarted.Tell(AdminMessages.GetFleetStatus.Instance);
        var status = ExpectMsg<AdminMessages.FleetStatus>();

        Assert.Equal(["api-01", "web-02"], status.Machines.Select(m => m.Host));
        Assert.All(status.Machines, m => Assert.Equal(MachineStatus.Enrolled, m.Status));
    }

    [Fact]
    public void An_empty_fleet_reports_no_machines()
    {
        var supervisor = Sys.ActorOf(BootstrapSupervisor.Props(StartMachines(), BootstrapSupervisorSettings.Default));

        supervisor.Tell(AdminMessages.GetFleetStatus.Instance);

        Assert.Empty(ExpectMsg<AdminMessages.FleetStatus>().Machines);
    }

    [Fact]
    public void Admin_endpoint_answers_ping_with_node_facts_and_forwards_fleet_queries()
    {
        var startedAt = DateTimeOffset.UtcNow.AddMinutes(-3);
        var node = new NodeInfo("1.2.3", startedAt, "sqlite", "/var/lib/coordinator/coordinator.db");
        var supervisor = Sys.ActorOf(BootstrapSupervisor.Props(StartMachines(), BootstrapSupervisorSettings.Default));
        var admin = Sys.ActorOf(AdminEndpoint.Props(node, supervisor, ActorRefs.Nobody, ActorRefs.Nobody, NoPreflight.Instance));

        admin.Tell(AdminMessages.Ping.Instance);
        var pong = ExpectMsg<AdminMessages.Pong>();
        Assert.Equal(("1.2.3", "sqlite", "/var/lib/coordinator/coordinator.db"), (pong.Version, pong.StoreKind, pong.StoreLocation));
        Assert.InRange(pong.Uptime, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(4));
        Assert.False(string.IsNullOrWhiteSpace(pong.NodeAddress));

        admin.Tell(new FleetCommands.Enroll("web-09", "Production", "10.0.0.9"));
        ExpectMsg<MachineState>();
        admin.Tell(AdminMessages.GetFleetStatus.Instance);
        Assert.Equal("web-09", Assert.Single(ExpectMsg<AdminMessages.FleetStatus>().Machines).Host);

        admin.Tell(FleetCommands.GetRuns.Instance);
        Assert.Empty(ExpectMsg<FleetCommands.RunList>().Runs);
        admin.Tell(new FleetCommands.CancelRun("run-404"));
        Assert.Contains("no run run-404", ExpectMsg<AdminMessages.RequestFailed>().Reason);
    }
}
