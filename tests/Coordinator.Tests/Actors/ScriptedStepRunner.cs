using System.Collections.Concurrent;
using Coordinator.Actors.Machines;
using Coordinator.Protocol.Machines;

namespace Coordinator.Tests.Actors;

/// <summary>
/// A step runner whose answers the test scripts per step and attempt; unscripted steps complete. It records every
/// request, and a step can be held open until the test releases it or the actor cancels it.
/// </summary>
internal sealed class ScriptedStepRunner : IBootstrapStepRunner
{
    /// <summary>The steps a runner is asked to do: the IIS baseline goes through the machine's IIS gate instead.</summary>
    public static readonly IReadOnlyList<BootstrapStep> RunnerSteps = [.. BootstrapSteps.InOrder.Where(step => step != BootstrapStep.IisBaseline)];

    private readonly ConcurrentDictionary<(BootstrapStep Step, int Attempt), StepResult> _answers = new();
    private readonly ConcurrentDictionary<BootstrapStep, TaskCompletionSource> _held = new();

    public ConcurrentQueue<StepRequest> Requests { get; } = new();

    public ConcurrentQueue<BootstrapStep> Cancelled { get; } = new();

    /// <summary>The thumbprints <c>coord forget</c> asked Octopus to remove, with the server each host last used.</summary>
    public ConcurrentQueue<(string Host, string Server, string Thumbprint)> Deregistered { get; } = new();

    public ScriptedStepRunner Answer(BootstrapStep step, int attempt, StepResult result)
    {
        _answers[(step, attempt)] = result;
        return this;
    }

    /// <summary>The step waits until <see cref="Release"/> or until the actor cancels it (timeout or cancel).</summary>
    public ScriptedStepRunner Hold(BootstrapStep step)
    {
        _held[step] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return this;
    }

    public void Release(BootstrapStep step) => _held[step].TrySetResult();

    public Task<string> DeregisterAsync(string host, MachineSpec lastSpec, string thumbprint, CancellationToken cancellationToken)
    {
        Deregistered.Enqueue((host, lastSpec.Octopus.ServerUrl, thumbprint));
        return Task.FromResult($"deleted the machine pinned to {thumbprint}");
    }

    public async Task<StepResult> RunAsync(StepRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);

        // What a host prints while the step runs, for runs that stream it.
        request.Output?.Report(new StepOutputLine(false, $"{request.Host} {request.Step} starting"));
        request.Output?.Report(new StepOutputLine(true, $"{request.Host} {request.Step} warning"));
        if (_held.TryGetValue(request.Step, out var gate))
        {
            try
            {
                await gate.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.Enqueue(request.Step);
                throw;
            }
        }

        return _answers.TryGetValue((request.Step, request.Attempt), out var answer)
            ? answer
            : new StepResult.Completed($"{request.Step} done");
    }
}
