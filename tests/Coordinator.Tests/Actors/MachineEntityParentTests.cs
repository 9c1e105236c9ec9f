using Akka.Actor;
using Akka.TestKit.Xunit2;
using Coordinator.Actors.Machines;
using Coordinator.Protocol.Machines;

namespace Coordinator.Tests.Actors;

public sealed class MachineEntityParentTests() : TestKit(ActorTestConfig.Create())
{
    private IActorRef StartParent(TimeSpan passivateAfter)
    {
        var settings = new MachineActorSettings(passivateAfter, SnapshotEvery: 50, BootstrapPolicy.Default);
        return Sys.ActorOf(MachineEntityParent.Props(new MachineMessageExtractor(), host => MachineActor.Props(host, settings, new StepRunnerNotConfigured(), new CountingCertificateIssuer())));
    }

    [Fact]
    public void Routes_each_host_to_its_own_machine()
    {
        var machines = StartParent(TimeSpan.FromMinutes(5));

        machines.Tell(new MachineCommands.Enroll("web-01", "Production", "10.0.0.1"));
        machines.Tell(new MachineCommands.Enroll("web-02", "Staging", "10.0.0.2"));
        ExpectMsg<MachineState>();
        ExpectMsg<MachineState>();

        machines.Tell(new MachineCommands.GetState("web-02"));
        var web02 = ExpectMsg<MachineState>();
        Assert.Equal(("web-02", "Staging"), (web02.Host, web02.Environment));

        machines.Tell(MachineEntityParent.GetAwakeCount.Instance);
        Assert.Equal(2, ExpectMsg<int>());
    }

    [Fact]
    public void Idle_machines_passivate_and_wake_with_their_state_on_the_next_message()
    {
        var machines = StartParent(TimeSpan.FromMilliseconds(200));
        machines.Tell(new MachineCommands.Enroll("web 01.example.com", "Production", "10.0.0.9"));
        ExpectMsg<MachineState>();

        AwaitAssert(() =>
        {
            machines.Tell(MachineEntityParent.GetAwakeCount.Instance);
            Assert.Equal(0, ExpectMsg<int>());
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));

        machines.Tell(new MachineCommands.GetState("web 01.example.com"));
        var woken = ExpectMsg<MachineState>();
        Assert.Equal("10.0.0.9", woken.Address);
    }

    [Fact]
    public void Ignores_messages_that_name_no_host()
    {
        var machines = StartParent(TimeSpan.FromMinutes(5));
        machines.Tell("not for a machine");

        machines.Tell(MachineEntityParent.GetAwakeCount.Instance);
        Assert.Equal(0, ExpectMsg<int>());
    }
}
