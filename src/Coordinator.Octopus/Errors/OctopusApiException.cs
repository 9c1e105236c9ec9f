using Coordinator.Octopus.Http;

using System.Text;

namespace Coordinator.Octopus;

/// <summary>
/// The server answered with an error status. The message carries the server's <c>ErrorMessage</c> and each
/// of its <c>Errors</c>, the status code and the request, the way Octopus's own tools print them.
/// </summary>
public class OctopusApiException : OctopusException
{
    internal OctopusApiException(OctopusRequest request, int statusCode, string reason, OctopusError error, int attempts)
        : this(Describe(request, statusCode, reason, error, attempts), request, statusCode, reason, error, attempts)
    {
    }

    private protected OctopusApiException(string message, OctopusRequest request, int statusCode, string reason, OctopusError error, int attempts)
        : base(message)
    {
        Request = request;
        StatusCode = statusCode;
        Reason = reason;
        ErrorMessage = error.ErrorMessage;
        Errors = error.Errors;
        Attempts = attempts;
        Error = error;
    }

    public OctopusRequest Request { get; }

    public int StatusCode { get; }

    public string Reason { get; }

    /// <summary>The server's <c>ErrorMessage</c> (empty when the body was not an Octopus error body).</summary>
    public string ErrorMessage { get; }

    /// <summary>The server's <c>Errors</c>: for 400s, one line per validation problem.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>How many times the request was sent before giving up.</summary>
    public int Attempts { get; }

    /// <summary>5xx, 408 and 429: worth trying again later; other statuses will not change by retrying.</summary>
    public bool IsTransient => IsTransientStatus(StatusCode);

    internal OctopusError Error { get; }

    /// <summary>The server's <c>Retry-After</c>, when it sent one.</summary>
    internal TimeSpan? RetryAfter { get; init; }

    internal static bool IsTransientStatus(int statusCode) => statusCode is 408 or 429 or >= 500 and <= 599;

    internal virtual OctopusApiException AfterAttempts(int attempts) =>
        new(Request, StatusCode, Reason, Error, attempts) { RetryAfter = RetryAfter };

    private protected static string Describe(OctopusRequest request, int statusCode, string reason, OctopusError error, int attempts)
    {
        var message = new StringBuilder()
            .Append($"The Octopus Server at {request.Server} answered {request} with {statusCode} {reason}");
        if (error.ErrorMessage.Length > 0)
        {
            message.Append(": ").Append(error.ErrorMessage);
        }

        foreach (var line in error.Errors)
        {
            message.Append('\n').Append(" - ").Append(line);
        }

        if (attempts > 1)
        {
            message.Append('\n').Append($"(gave up after {attempts} attempts)");
        }

        return message.ToString();
    }
}
