using Coordinator.Actors.Iis;
using Coordinator.Bootstrap.Steps;
using Coordinator.HostAccess;
using Coordinator.Iis;
using Coordinator.Protocol.Machines;

namespace Coordinator.Bootstrap.Iis;

/// <summary>
/// Runs an IIS operation's script (<see cref="IisScripts"/>) on a Windows host over SSH and reads how it ended. It has
/// connections of its own, apart from the bootstrap steps', so a bootstrap run ending (which closes its connection)
/// never cuts an IIS write off, and an IIS queue draining never cuts a bootstrap step off.
/// </summary>
public sealed class HostIisOperationRunner(IHostSessions sessions) : IIisOperationRunner, IAsyncDisposable
{
    /// <summary>How much sooner than the gate's limit the host stops the script, so the host's own timeout is what is reported.</summary>
    private static readonly TimeSpan HostLimitMargin = TimeSpan.FromSeconds(10);

    public async Task<IisAttemptResult> RunAsync(string host, MachineSpec spec, IisOperation operation, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        string script;
        try
        {
            script = IisScripts.Render(operation, spec.Iis?.ToMutex() ?? IisMutex.Default);
        }
        catch (InvalidIisOperationException invalid)
        {
            return new IisAttemptResult.Failed(invalid.Message, Transient: false);
        }

        var hostLimit = timeLimit > HostLimitMargin * 2 ? timeLimit - HostLimitMargin : timeLimit;
        try
        {
            var result = await sessions.For(MachineSpecs.EndpointOf(host, spec))
                .RunAsync(HostCommand.PowerShell(operation.Description, script, hostLimit), cancellationToken);
            if (IisFailureClassifier.Classify(result.ExitCode, result.StandardOutput, result.StandardError) is { } failure)
            {
                return new IisAttemptResult.Failed(failure.Reason, failure.IsTransient);
            }

            return IisResultLine.Parse(result.StandardOutput) is { } outcome
                ? new IisAttemptResult.Done(outcome)
                : new IisAttemptResult.Failed(
                    $"the script exited 0 without its '{IisResultLine.Prefix}' line, so whether it changed anything is unknown; its output ended: {result.Tail()}",
                    Transient: false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && StepFailures.Describe(e) is { } failure)
        {
            return new IisAttemptResult.Failed(failure.Reason, failure.Transient);
        }
    }

    public ValueTask ReleaseAsync(string host) => sessions.CloseAsync(host);

    public ValueTask DisposeAsync() => sessions.DisposeAsync();
}
