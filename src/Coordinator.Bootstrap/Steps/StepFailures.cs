using Coordinator.Actors.Machines;
using Coordinator.Certificates;
using Coordinator.HostAccess;
using Coordinator.Inventory;
using Coordinator.Octopus;
using Coordinator.Tentacle;

namespace Coordinator.Bootstrap.Steps;

/// <summary>Why a step failed, for the operator, and whether another attempt can help.</summary>
internal static class StepFailures
{
    public static StepResult.Failed Describe(StepFailure failure)
    {
        var tail = failure.StderrTail.Trim();
        var reason = tail.Length == 0 || failure.Reason.Contains(LastLine(tail), StringComparison.Ordinal)
            ? failure.Reason
            : $"{failure.Reason} The host's stderr ended: {tail}";
        return new StepResult.Failed(reason, failure.IsTransient);
    }

    /// <summary>The failure an exception stands for, or null for one this adapter does not know (the actor retries those).</summary>
    public static StepResult.Failed? Describe(Exception exception) => exception switch
    {
        StepFailedException failed => failed.Result,
        HostKeyRejectedException or HostAuthenticationException or IdentityFileException or KnownHostsFileException =>
            new StepResult.Failed(exception.Message, Transient: false),
        HostAccessException => new StepResult.Failed(exception.Message, Transient: true),
        SecretResolutionException => new StepResult.Failed(exception.Message, Transient: false),
        OctopusAuthenticationException => new StepResult.Failed(exception.Message, Transient: false),
        OctopusApiException api => new StepResult.Failed(exception.Message, api.IsTransient),
        OctopusUnreachableException => new StepResult.Failed(exception.Message, Transient: true),
        OctopusException or CertificateException or InvalidTentacleSettingsException =>
            new StepResult.Failed(exception.Message, Transient: false),
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException =>
            new StepResult.Failed($"the coordinator cannot read a file it needs: {exception.Message}", Transient: false),
        _ => null,
    };

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
}

/// <summary>Carries a classified failure out of a helper that cannot return one.</summary>
internal sealed class StepFailedException(StepResult.Failed result) : Exception(result.Reason)
{
    public StepResult.Failed Result { get; } = result;
}
