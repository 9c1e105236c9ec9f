using Akka.Actor;
using Coordinator.Protocol.Admin;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.HostKeys;
using Coordinator.Protocol.Iis;
using Coordinator.Protocol.Machines;

namespace Coordinator.Actors.Admin;

/// <summary>
/// The only actor the CLI may reach over Akka.Remote (untrusted mode trusts just <c>/user/admin</c>). It answers
/// what it knows itself and forwards the rest, so replies go straight back to the CLI.
/// </summary>
public sealed class AdminEndpoint : ReceiveActor
{
    public const string Name = "admin";

    public static readonly TimeSpan PreflightTimeout = TimeSpan.FromSeconds(60);

    public AdminEndpoint(NodeInfo node, IActorRef bootstrap, IActorRef hostKeys, IActorRef iisGates, IRunPreflight preflight)
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
        Receive<FleetCommands.StartRun>(start => CheckAsync(preflight, start.Hosts, start, Sender).PipeTo(Self));
        Receive<FleetCommands.PlanRun>(plan => CheckAsync(preflight, plan.Hosts, null, Sender).PipeTo(Self));
        Receive<Checked>(done =>
        {
            if (done.Start is null)
            {
                done.ReplyTo.Tell(done.Plan);
            }
            else if (done.Plan.Problems.Count > 0)
            {
                done.ReplyTo.Tell(new AdminMessages.RequestFailed(
                    $"run {done.Start.RunId} was not started: {string.Join("; ", done.Plan.Problems)}"));
            }
            else
            {
                bootstrap.Tell(done.Start, done.ReplyTo);
            }
        });
        Receive<FleetCommands.RetryRun>(retry => RetryAsync(bootstrap, preflight, retry, Sender).PipeTo(Self));
        Receive<Answer>(answer => answer.ReplyTo.Tell(answer.Message));
        Receive<CertificateMessages.Adopt>(adopt => bootstrap.Forward(adopt));
        Receive<CertificateMessages.Export>(export => bootstrap.Forward(export));
        Receive<CertificateMessages.Forget>(forget => bootstrap.Forward(forget));
        Receive<HostKeyMessages.Reset>(reset => hostKeys.Forward(reset));
        Receive<FleetCommands.GetRunProgress>(query => bootstrap.Forward(query));
        Receive<FleetCommands.CancelRun>(cancel => bootstrap.Forward(cancel));
        Receive<FleetCommands.CancelHost>(cancel => bootstrap.Forward(cancel));
        Receive<FleetCommands.GetRuns>(query => bootstrap.Forward(query));
        Receive<IisCommands.Enqueue>(enqueue => iisGates.Forward(enqueue));
        Receive<IisCommands.Cancel>(cancel => iisGates.Forward(cancel));
        Receive<IisCommands.GetQueue>(query => iisGates.Forward(query));
        Receive<IisCommands.GetOperations>(query => iisGates.Forward(query));
        Receive<IisCommands.GetQueues>(query => iisGates.Forward(query));
    }

    public static Props Props(NodeInfo node, IActorRef bootstrap, IActorRef hostKeys, IActorRef iisGates, IRunPreflight preflight) =>
        Akka.Actor.Props.Create(() => new AdminEndpoint(node, bootstrap, hostKeys, iisGates, preflight));

    /// <summary>A retry is checked like a new run: the key may have been rotated, or an installer removed, since.</summary>
    private static async Task<object> RetryAsync(IActorRef bootstrap, IRunPreflight preflight, FleetCommands.RetryRun retry, IActorRef replyTo)
    {
        object plan;
        try
        {
            plan = await bootstrap.Ask<object>(new FleetCommands.PlanRetry(retry.RunId, retry.NewRunId), PreflightTimeout);
        }
        catch (AskTimeoutException)
        {
            return new Answer(new AdminMessages.RequestFailed($"the coordinator did not work out run {retry.RunId}'s hosts within {PreflightTimeout.TotalSeconds:0} s"), replyTo);
        }

        return plan is FleetCommands.StartRun start
            ? await CheckAsync(preflight, start.Hosts, start, replyTo)
            : new Answer(plan, replyTo);
    }

    private static async Task<Checked> CheckAsync(
        IRunPreflight preflight, IReadOnlyList<RunHost> hosts, FleetCommands.StartRun? start, IActorRef replyTo)
    {
        using var timeout = new CancellationTokenSource(PreflightTimeout);
        try
        {
            return new Checked(await preflight.CheckAsync(hosts, timeout.Token), start, replyTo);
        }
        catch (Exception e)
        {
            var problem = e is OperationCanceledException ? $"the checks did not finish within {PreflightTimeout.TotalSeconds:0} s" : e.Message;
            return new Checked(new FleetCommands.RunPlan([], [problem], []), start, replyTo);
        }
    }

    /// <summary>A reply worked out in async code, piped back to be sent from the actor.</summary>
    private sealed record Answer(object Message, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>A preflight's answer, piped back with the request it was for.</summary>
    private sealed record Checked(FleetCommands.RunPlan Plan, FleetCommands.StartRun? Start, IActorRef ReplyTo) : INoSerializationVerificationNeeded;
}
