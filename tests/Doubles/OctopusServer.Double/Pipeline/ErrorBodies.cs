using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using OctopusServer.Double.Api;
using OctopusServer.Double.Resources;

namespace OctopusServer.Double.Pipeline;

/// <summary>
/// Gives every failure the Octopus error body: bare status codes from routing (405, ...) get a message,
/// and an unexpected exception becomes a 500 carrying <c>FullException</c>, as the real server reports it.
/// </summary>
internal sealed class ErrorBodies(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await Results.Json(new ErrorResource(e.Message, []) { FullException = e.ToString() }, OctopusJson.Options, statusCode: 500)
                .ExecuteAsync(context);
            return;
        }

        if (context.Response is { HasStarted: false, StatusCode: >= 400, ContentLength: null, ContentType: null })
        {
            var status = context.Response.StatusCode;
            var result = status == StatusCodes.Status404NotFound
                ? ApiResults.NotFound()
                : ApiResults.Error(status, ReasonPhrases.GetReasonPhrase(status), []);
            await result.ExecuteAsync(context);
        }
    }
}
