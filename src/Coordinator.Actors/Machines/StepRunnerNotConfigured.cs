namespace Coordinator.Actors.Machines;

/// <summary>
/// The runner a host gets when nothing that can reach machines is registered: every step fails permanently with
/// a reason that says so, instead of a run hanging or a null reference deep in an actor.
/// </summary>
public sealed class StepRunnerNotConfigured : IBootstrapStepRunner
{
    public Task<StepResult> RunAsync(StepRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<StepResult>(new StepResult.Failed(
            $"this coordinator has no {nameof(IBootstrapStepRunner)} registered, so it cannot run {request.Step} on {request.Host}",
            Transient: false));
}
