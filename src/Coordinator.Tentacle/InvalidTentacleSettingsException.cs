namespace Coordinator.Tentacle;

/// <summary>
/// The desired Tentacle cannot be written into a script safely or would not work on the host. Permanent: retrying
/// cannot help; the inventory (or the caller's mapping of it) must change.
/// </summary>
public sealed class InvalidTentacleSettingsException(IReadOnlyList<string> problems)
    : ArgumentException("The Tentacle settings cannot be used: " + string.Join(" ", problems))
{
    /// <summary>Each problem as one sentence saying what to fix.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
