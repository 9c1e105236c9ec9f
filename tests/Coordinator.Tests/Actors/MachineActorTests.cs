using Akka.Actor;
using Akka.TestKit.Xunit2;
using Coordinator.Actors.Machines;
using Coordinator.Protocol.Machines;

namespace Coordinator.Tests.Actors;

public sealed class MachineActorTests() : TestKit(ActorTestConfig.Create())
{
    private static readonly MachineActorSettings Settings = new(TimeSpan.FromMinutes(5), SnapshotEvery: 2, BootstrapPolicy.Default);

    [Fact]
    public void Persists_enrollment_and_recovers_it_after_a_restart()
    {
        var first = Sys.ActorOf(MachineActor.Props("web-01", Settings, new StepRunnerNotConfigured(), new CountingCertificateIssuer()));
        first.Tell(new MachineCommands.Enroll("web-01", "Production", "10.0.0.5"));
        var enrolled = ExpectMsg<MachineState>();
        Assert.True(enrolled.IsEnrolled);

        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);

        var second = Sys.ActorOf(MachineActor.Props("web-01", Settings, new StepRunnerNotConfigured(), new CountingCertificateIssuer()));
        second.Tell(new MachineCommands.GetState("web-01"));
        var recovered = ExpectMsg<MachineState>();

        Assert.Equal("Production", recovered.Environment);
        Assert.Equal("10.0.0.5", recovered.Address);
        Assert.Equal(MachineStatus.Enrolled, recovered.Status);
        Assert.Equal(enrolled.EnrolledAt, recovered.EnrolledAt);
    }

    [Fact]
    public void Enrolling_again_with_the_same_details_changes_nothing_and_new_details_keep_the_first_enrollment_time()
    {
        var machine = Sys.ActorOf(MachineActor.Props("db-01", Settings, new StepRunnerNotConfigured(), new CountingCertificateIssuer()));
        machine.Tell(new MachineCommands.Enroll("db-01", "Staging", "10.0.1.7"));
        var first = ExpectMsg<MachineState>();

        machine.Tell(new MachineCommands.Enroll("db-01", "Staging", "10.0.1.7"));
        Assert.Equal(first, ExpectMsg<MachineState>());

        machine.Tell(new MachineCommands.Enroll("db-01", "Production", "10.0.2.7"));
        var moved = ExpectMsg<MachineState>();
        Assert.Equal("Production", moved.Environment);
        Assert.Equal("10.0.2.7", moved.Address);
        Assert.Equal(first.EnrolledAt, moved.EnrolledAt);
    }

    [Fact]
    public void Recovers_from_a_snapshot_plus_later_events()
    {
        // SnapshotEvery = 2: the second enrollment snapshots, the third is replayed on top of it.
        var machine = Sys.ActorOf(MachineActor.Props("app-01", Settings, new StepRunnerNotConfigured(), new CountingCertificateIssuer()));
        foreach (var address in new[] { "10.0.0.1", "10.0.0.2", "10.0.0.3" })
        {
            machine.Tell(new MachineCommands.Enroll("app-01", "Production", address));
            ExpectMsg<MachineState>();
        }

        Watch(machine);
        machine.Tell(PoisonPill.Instance);
        ExpectTerminated(machine);

        var recovered = Sys.ActorOf(MachineActor.Props("app-01", Settings, new StepRunnerNotConfigured(), new CountingCertificateIssuer()));
        recovered.Tell(new MachineCommands.GetState("app-01"));
        Assert.Equal("10.0.0.3", ExpectMsg<MachineState>().Address);
    }
}
