namespace Coordinator.Iis;

/// <summary>
/// The operation (or the mutex) cannot be written into a script safely or would not mean what it says. Permanent:
/// retrying cannot help; the caller's settings must change.
/// </summary>
public sealed class InvalidIisOperationException(IReadOnlyList<string> problems)
    : ArgumentException("The IIS operation cannot be used: " + string.Join(" ", problems))
{
    /// <summary>Each problem as one sentence saying what to fix.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
