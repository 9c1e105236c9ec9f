using Microsoft.AspNetCore.Http;

namespace OctopusServer.Double.Pipeline;

/// <summary>
/// Records each request in the <see cref="RequestLog"/>. The entry is written when the response starts,
/// so a client that has its response can already read the entry; requests that never answer are
/// recorded when they end.
/// </summary>
internal sealed class RequestLogging(RequestDelegate next, RequestLog log, TimeProvider clock, string apiKey)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var recorded = 0;
        void Record(bool aborted)
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                log.Add(Describe(context, aborted));
            }
        }

        context.Response.OnStarting(() =>
        {
            Record(aborted: false);
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            Record(aborted: context.RequestAborted.IsCancellationRequested);
        }
    }

    private RequestLogEntry Describe(HttpContext context, bool aborted)
    {
        var request = context.Request;
        var pathAndQuery = (request.Path + RequestRedaction.Query(request.QueryString.Value))
            .Replace(apiKey, RequestRedaction.Placeholder, StringComparison.OrdinalIgnoreCase);
        return new RequestLogEntry(
            clock.GetUtcNow(),
            request.Method,
            pathAndQuery,
            context.Response.StatusCode,
            ApiKeyGate.PresentedKey(request) is not null,
            aborted);
    }
}
