namespace Coordinator.Octopus;

/// <summary>Anything that went wrong talking to Octopus. Messages name the server and the request, never the API key.</summary>
public class OctopusException : Exception
{
    public OctopusException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
