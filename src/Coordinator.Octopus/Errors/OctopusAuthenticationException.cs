using Coordinator.Octopus.Http;

namespace Coordinator.Octopus;

/// <summary>
/// 401: the server did not accept the API key. Distinct from other errors so a caller stops before it
/// touches any host: nothing will work until the key is fixed.
/// </summary>
public sealed class OctopusAuthenticationException : OctopusApiException
{
    internal OctopusAuthenticationException(OctopusRequest request, string reason, OctopusError error, int attempts)
        : base(
            $"The Octopus API key was rejected by {request.Server}; check octopus.api-key. " +
            $"({request} answered 401 {reason}{(error.ErrorMessage.Length > 0 ? ": " + error.ErrorMessage : "")})",
            request,
            401,
            reason,
            error,
            attempts)
    {
    }

    internal override OctopusApiException AfterAttempts(int attempts) => new OctopusAuthenticationException(Request, Reason, Error, attempts);
}
