using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
using OctopusServer.Double.Api;

namespace OctopusServer.Double.Pipeline;

/// <summary>Applies <see cref="FaultInjection"/> to requests that got past the API key gate.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultInjection faults, IHostApplicationLifetime lifetime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ApiKeyGate.RequiresKey(context.Request.Path))
        {
            await next(context);
            return;
        }

        var decision = faults.Decide();
        try
        {
            if (decision.Latency > TimeSpan.Zero)
            {
                await Task.Delay(decision.Latency, context.RequestAborted);
            }

            if (decision.Hang)
            {
                using var untilStopped = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
                faults.HangStarted();
                try
                {
                    await Task.Delay(Timeout.Infinite, untilStopped.Token);
                }
                finally
                {
                    faults.HangEnded();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the server is stopping: drop the connection without an answer.
            context.Abort();
            return;
        }

        if (decision.StatusCode is { } statusCode)
        {
            var message = $"Fault injected by the test double: {statusCode} {ReasonPhrases.GetReasonPhrase(statusCode)}";
            await ApiResults.Error(statusCode, message, []).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
