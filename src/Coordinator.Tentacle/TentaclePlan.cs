using System.Collections.Immutable;

namespace Coordinator.Tentacle;

/// <summary>A step whose script <see cref="ITentacleStepScripts"/> generates, in the order they run.</summary>
public enum TentacleStep
{
    Install,
    CreateInstance,
    ImportCertificate,
    Configure,
    StartService,
    RestartService,
}

/// <summary>What a host needs, decided from its probe report.</summary>
/// <param name="Steps">The steps to run, in order; empty when the host is already converged.</param>
/// <param name="ResetListenAddress">Pass to <see cref="ITentacleStepScripts.Configure"/>: the host listens on a specific address and should listen on any.</param>
/// <param name="Reasons">Why each step is needed, one sentence each, for logs and <c>--dry-run</c>.</param>
public sealed record TentaclePlan(ImmutableArray<TentacleStep> Steps, bool ResetListenAddress, ImmutableArray<string> Reasons)
{
    /// <summary>The host already has the desired Tentacle, certificate, configuration and running service.</summary>
    public bool NothingToDo => Steps.IsEmpty;

    public bool Equals(TentaclePlan? other) =>
        other is not null && Steps.SequenceEqual(other.Steps) && ResetListenAddress == other.ResetListenAddress &&
        Reasons.SequenceEqual(other.Reasons);

    public override int GetHashCode() => HashCode.Combine(Steps.Length, ResetListenAddress, Reasons.Length);
}
