namespace Coordinator.Octopus;

/// <summary>No answer: the connection failed, the TLS certificate was refused, or every attempt timed out.</summary>
public sealed class OctopusUnreachableException : OctopusException
{
    internal OctopusUnreachableException(OctopusRequest request, string reason, int attempts, Exception innerException)
        : base(
            $"Could not reach the Octopus Server at {request.Server} ({request}): {reason}" +
            (attempts > 1 ? $" (gave up after {attempts} attempts)" : ""),
            innerException)
    {
        Request = request;
        Attempts = attempts;
    }

    public OctopusRequest Request { get; }

    public int Attempts { get; }
}
