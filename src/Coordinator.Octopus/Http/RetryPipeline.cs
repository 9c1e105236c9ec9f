using System.Net.Http;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Coordinator.Octopus.Http;

/// <summary>
/// The Polly pipeline every request runs through: a per-attempt timeout inside a bounded retry with
/// exponential backoff and jitter. Only failures that another attempt can cure are retried — 5xx, 408, 429
/// (after the server's <c>Retry-After</c> when it gives one), timeouts and broken connections; any other 4xx
/// and TLS refusals fail at once.
/// </summary>
internal static class RetryPipeline
{
    public static readonly ResiliencePropertyKey<OctopusRequest> RequestKey = new("octopus.request");

    public static ResiliencePipeline Build(OctopusClientOptions options, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception)),
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is OctopusApiException { RetryAfter: { } retryAfter }
                        ? TimeSpan.FromTicks(Math.Clamp(retryAfter.Ticks, 0, options.MaxRetryAfter.Ticks))
                        : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, new OctopusRequest("?", new Uri("about:blank"), "?"));
                    logger.LogWarning(
                        "Octopus request {Request} to {Server} failed ({Failure}); attempt {Attempt} of {MaxAttempts}, retrying in {Delay}",
                        request.ToString(),
                        request.Server,
                        Describe(args.Outcome.Exception),
                        args.AttemptNumber + 1,
                        options.MaxAttempts,
                        args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    public static bool IsTransient(Exception? failure) => failure switch
    {
        OctopusApiException api => api.IsTransient,
        TimeoutRejectedException => true,
        HttpRequestException http => http.HttpRequestError is HttpRequestError.ConnectionError
            or HttpRequestError.NameResolutionError
            or HttpRequestError.ResponseEnded
            or HttpRequestError.HttpProtocolError
            or HttpRequestError.ProxyTunnelError
            or HttpRequestError.Unknown,
        IOException => true,
        _ => false,
    };

    private static string Describe(Exception? failure) => failure switch
    {
        OctopusApiException api => $"{api.StatusCode} {api.Reason}",
        TimeoutRejectedException => "no answer within the attempt timeout",
        { } other => other.Message,
        null => "unknown failure",
    };
}
