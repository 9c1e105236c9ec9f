namespace Coordinator.Protocol;

/// <summary>Where the CLI finds the host: names both ends must agree on.</summary>
public static class CoordinatorAddress
{
    /// <summary>The host's ActorSystem name; part of every remote address.</summary>
    public const string SystemName = "coordinator";

    /// <summary>The only path the host accepts from remote senders (Akka.Remote untrusted mode).</summary>
    public const string AdminPath = "/user/admin";

    public const string DefaultHostname = "127.0.0.1";

    public const int DefaultPort = 4053;

    /// <summary>The admin actor's remote path on a host listening at <paramref name="hostname"/>:<paramref name="port"/>.</summary>
    public static string AdminActorPath(string hostname, int port) =>
        $"akka.tcp://{SystemName}@{hostname}:{port}{AdminPath}";
}
