using Coordinator.Iis;
using Coordinator.Protocol.Machines;

namespace Coordinator.Actors.Iis;

/// <summary>Stands in when nothing that can reach hosts is registered: every attempt fails permanently, saying so.</summary>
public sealed class IisRunnerNotConfigured : IIisOperationRunner
{
    public Task<IisAttemptResult> RunAsync(string host, MachineSpec spec, IisOperation operation, TimeSpan timeLimit, CancellationToken cancellationToken) =>
        Task.FromResult<IisAttemptResult>(new IisAttemptResult.Failed($"this coordinator has no {nameof(IIisOperationRunner)}, so it cannot reach {host}", Transient: false));
}
