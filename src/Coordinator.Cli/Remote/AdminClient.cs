using Akka.Actor;
using Coordinator.Protocol;
using static Coordinator.Protocol.Admin.AdminMessages;

namespace Coordinator.Cli.Remote;

/// <summary>
/// A short-lived Akka.Remote client of the coordinator's <c>/user/admin</c>: one local ActorSystem,
/// typed asks, and a bounded shutdown so the CLI exits promptly.
/// </summary>
public sealed class AdminClient : IAsyncDisposable
{
    private const string SystemName = "coord-cli";

    /// <summary>Remoting normally lingers to flush; the CLI has nothing left to say once it has its answer.</summary>
    private static readonly TimeSpan ShutdownLimit = TimeSpan.FromSeconds(3);

    private readonly ActorSystem _system;
    private readonly ActorSelection _admin;
    private readonly CoordinatorEndpoint _endpoint;
    private readonly TimeSpan _timeout;

    private AdminClient(ActorSystem system, CoordinatorEndpoint endpoint, TimeSpan timeout)
    {
        _system = system;
        _endpoint = endpoint;
        _timeout = timeout;
        _admin = system.ActorSelection(endpoint.AdminActorPath);
    }

    /// <summary>Where the coordinator is, for messages.</summary>
    public CoordinatorEndpoint Endpoint => _endpoint;

    /// <exception cref="CliFailure">Nothing listens at <paramref name="endpoint"/>.</exception>
    public static async Task<AdminClient> ConnectAsync(CoordinatorEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var probeWait = timeout < EndpointProbe.MaximumWait ? timeout : EndpointProbe.MaximumWait;
        await EndpointProbe.EnsureListeningAsync(endpoint, probeWait, cancellationToken);
        return new AdminClient(ActorSystem.Create(SystemName, CliAkkaConfig.Load()), endpoint, timeout);
    }

    /// <summary>Asks the admin actor and returns its reply when it is a <typeparamref name="TReply"/>.</summary>
    /// <exception cref="CliFailure">
    /// No reply in time (exit 2), or the coordinator refused or answered with something else (exit 1).
    /// </exception>
    public Task<TReply> AskAsync<TReply>(ICoordinatorMessage request, CancellationToken cancellationToken)
        where TReply : ICoordinatorMessage =>
        AskAsync<TReply>(request, _timeout, cancellationToken);

    /// <inheritdoc cref="AskAsync{TReply}(ICoordinatorMessage, CancellationToken)"/>
    /// <param name="atLeast">For requests the coordinator needs time to answer (it checks the Octopus Server first).</param>
    public async Task<TReply> AskAsync<TReply>(ICoordinatorMessage request, TimeSpan atLeast, CancellationToken cancellationToken)
        where TReply : ICoordinatorMessage
    {
        var timeout = atLeast > _timeout ? atLeast : _timeout;
        object reply;
        try
        {
            reply = await _admin.Ask<object>(request, timeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            throw new CliFailure(
                ExitCode.UsageOrConnection,
                $"{_endpoint} accepted a connection but no coordinator answered within {CommandTimeout.Format(timeout)}. " +
                "Check that the port belongs to a coordinator and that it has finished starting, or retry with a longer --timeout.");
        }

        return reply switch
        {
            TReply expected => expected,
            RequestFailed failed => throw new CliFailure(ExitCode.OperationFailed, $"the coordinator at {_endpoint} refused: {failed.Reason}"),
            _ => throw new CliFailure(
                ExitCode.OperationFailed,
                $"the coordinator at {_endpoint} answered {reply.GetType().Name} where {typeof(TReply).Name} was expected; are coord and the host the same version?"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _system.Terminate().WaitAsync(ShutdownLimit);
        }
        catch (TimeoutException)
        {
            // The process is about to exit; whatever remoting has not closed dies with it.
        }
    }
}
