using Coordinator.Protocol.Serialization;

namespace Coordinator.Protocol.Machines;

/// <summary>What a MachineActor tells whoever started its run: each step's start and end, and the outcome.</summary>
public static class MachineReports
{
    public interface IMachineReport : ICoordinatorMessage, IWithHost
    {
        string RunId { get; }
    }

    [Manifest("machine.step-started.v1")]
    public sealed record StepStarted(string Host, string RunId, BootstrapStep Step, int Attempt, DateTimeOffset At) : IMachineReport;

    /// <param name="Detail">What the step found or did ("skipped: Tentacle 8.3.2971 is installed", "registered as Machines-12").</param>
    [Manifest("machine.step-finished.v1")]
    public sealed record StepFinished(string Host, string RunId, BootstrapStep Step, int Attempt, long DurationMs, string? Detail) : IMachineReport;

    /// <summary>A line a command of the step printed, as it printed it (only for runs that stream their output).</summary>
    [Manifest("machine.step-output.v1")]
    public sealed record StepOutput(string Host, string RunId, BootstrapStep Step, bool IsError, string Line) : IMachineReport;

    [Manifest("machine.step-retrying.v1")]
    public sealed record StepRetrying(string Host, string RunId, BootstrapStep Step, int Attempt, string Reason, TimeSpan Delay)
        : IMachineReport;

    [Manifest("machine.bootstrap-ended.v1")]
    /// <param name="Thumbprint">The host's retained certificate, once it has one.</param>
    public sealed record BootstrapEnded(string Host, string RunId, BootstrapOutcome Outcome, BootstrapStep? FailedStep, string? Reason, string? Thumbprint = null)
        : IMachineReport;
}

public enum BootstrapOutcome
{
    Succeeded,
    Failed,
    Cancelled,
}
