using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Configuration;
using Coordinator.Actors.Iis;
using Coordinator.Bootstrap.Iis;
using Coordinator.HostAccess;
using Coordinator.Iis;
using Coordinator.Lab;
using Coordinator.Protocol.Iis;
using Coordinator.Protocol.Machines;
using Coordinator.Protocol.Serialization;
using Xunit.Abstractions;

namespace Coordinator.IisGateTests.Support;

/// <summary>
/// Gates on lab hosts, in a TestKit actor system with the in-memory journal and the coordinator's serializer; each
/// gate runs the real runner (IIS scripts as PowerShell over SSH) through <see cref="Sessions"/>, whose output the
/// test can watch.
/// </summary>
public abstract class GateTestKit : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    /// <summary>Long enough for a queue of twenty scripts on a loaded two-core machine; only reached when something hangs.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private static readonly Config Hocon = ConfigurationFactory.ParseString("""
        akka.loglevel = INFO
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """).WithFallback(ConfigurationFactory.ParseString(CoordinatorSerializer.Hocon));

    private readonly ConcurrentQueue<bool> _busyReports = new();

    protected GateTestKit(GateLab lab, ITestOutputHelper output)
        : base(Hocon, output: output)
    {
        Lab = lab;
        Sessions = new WatchedHostSessions(new SshHostSessions(new InMemoryHostKeyStore(), GateLab.AccessOptions), Lines);
    }

    protected GateLab Lab { get; }

    protected LineWatch Lines { get; } = new();

    protected IHostSessions Sessions { get; }

    /// <summary>What the gates told their parent, in order: true when work arrived, false when drained.</summary>
    protected IReadOnlyList<bool> BusyReports => [.. _busyReports];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Sys.Terminate();
        await Sessions.DisposeAsync();
    }

    protected IIisOperationRunner RealRunner() => new HostIisOperationRunner(Sessions);

    /// <summary>The host's gate, as its machine would start it, under a stand-in parent.</summary>
    protected IActorRef StartGate(LabHost host, MachineSpec spec, IIisOperationRunner runner, IisGatePolicy? policy = null) =>
        Sys.ActorOf(GateParent.Props(IisGate.Props(host.Name, spec, runner, policy ?? GateLab.QuickRetries), _busyReports), $"machine-{host.Name}");

    /// <summary>Queues the operations as one request and returns once the gate has finished all of them.</summary>
    protected static async Task<IisGate.RequestFinished> ApplyAsync(IActorRef gate, LabHost host, IReadOnlyList<IisOperation> operations, string origin)
    {
        var request = new IisCommands.Enqueue(host.Name, operations, origin, $"{origin}-{Guid.NewGuid():N}");
        var answer = await gate.Ask<object>(new IisGate.ApplyAndWait(request), Patience);
        return answer as IisGate.RequestFinished
            ?? throw new Xunit.Sdk.XunitException($"{host.Name}'s gate answered {answer} instead of finishing '{origin}'");
    }

    protected static async Task<IisQueue> QueueOf(IActorRef gate, LabHost host) =>
        await gate.Ask<IisQueue>(new IisCommands.GetQueue(host.Name), TimeSpan.FromSeconds(10));

    protected static string Describe(IisOperationView view) =>
        $"#{view.Number} {view.Description}: {view.State} after {view.Attempts} attempts{(view.Detail is null ? "" : ": " + view.Detail)}";
}
