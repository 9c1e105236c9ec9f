using Akka.Actor;
using Akka.TestKit.Xunit2;
using Coordinator.Actors.HostKeys;
using Coordinator.Protocol.HostKeys;

namespace Coordinator.Tests.Actors;

/// <summary>The accept-new host keys: the first key is kept for good, through restarts, until an operator resets it.</summary>
public sealed class HostKeyDirectoryTests() : TestKit(ActorTestConfig.Create())
{
    private static readonly RecordedHostKey First = new("ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5AAAAIFirst", "SHA256:first", DateTimeOffset.UnixEpoch);
    private static readonly RecordedHostKey Second = new("ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5AAAAISecond", "SHA256:second", DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_first_key_recorded_is_kept_and_a_later_one_does_not_replace_it()
    {
        var directory = Sys.ActorOf(HostKeyDirectory.Props());

        directory.Tell(new HostKeyMessages.Find("web-01"));
        Assert.Null(ExpectMsg<HostKeyMessages.Found>().Key);
        directory.Tell(new HostKeyMessages.Record("web-01", First));
        Assert.Equal(First, ExpectMsg<HostKeyMessages.Found>().Key);
        directory.Tell(new HostKeyMessages.Record("web-01", Second));

        Assert.Equal(First, ExpectMsg<HostKeyMessages.Found>().Key);
    }

    [Fact]
    public void Recorded_keys_survive_a_restart_and_a_reset_lets_the_next_key_in()
    {
        var directory = Sys.ActorOf(HostKeyDirectory.Props());
        directory.Tell(new HostKeyMessages.Record("web-01", First));
        ExpectMsg<HostKeyMessages.Found>();
        Watch(directory);
        directory.Tell(PoisonPill.Instance);
        ExpectTerminated(directory);

        var restarted = Sys.ActorOf(HostKeyDirectory.Props());
        restarted.Tell(new HostKeyMessages.Find("web-01"));
        Assert.Equal(First, ExpectMsg<HostKeyMessages.Found>().Key);
        restarted.Tell(new HostKeyMessages.Reset("web-01"));
        Assert.Equal(First, ExpectMsg<HostKeyMessages.Found>().Key);
        restarted.Tell(new HostKeyMessages.Record("web-01", Second));

        Assert.Equal(Second, ExpectMsg<HostKeyMessages.Found>().Key);
    }
}
