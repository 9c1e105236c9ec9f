using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Coordinator.Octopus.Http;

/// <summary>
/// Sends requests to one Octopus Server: the API key as a header, links reduced to paths on that server
/// (so the key never follows a link elsewhere), no redirects (a redirect would carry the header to
/// another host), every request through the <see cref="RetryPipeline"/>, and failures turned into errors
/// that name the server and the request.
/// </summary>
internal sealed class OctopusTransport : IDisposable
{
    private const string ApiKeyHeader = "X-Octopus-ApiKey";

    private readonly HttpClient _http;
    private readonly ServerCertificatePin _pin;
    private readonly ResiliencePipeline _pipeline;
    private readonly OctopusClientOptions _options;
    private readonly string _basePath;

    public OctopusTransport(
        OctopusServerSettings settings,
        OctopusClientOptions options,
        ILogger logger,
        Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler)
    {
        Server = settings.Url.AbsolutePath.EndsWith('/') ? settings.Url : new Uri(settings.Url.AbsoluteUri + "/");
        _basePath = Server.AbsolutePath;
        _options = options;
        _pin = new ServerCertificatePin(settings.PinnedTlsThumbprint);
        _pipeline = RetryPipeline.Build(options, logger);

        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.AttemptTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = { RemoteCertificateValidationCallback = _pin.Validate },
        };
        _http = new HttpClient(wrapHandler is null ? sockets : wrapHandler(sockets)) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.TryAddWithoutValidation(ApiKeyHeader, settings.ApiKey);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Coordinator", typeof(OctopusTransport).Assembly.GetName().Version?.ToString(3)));
    }

    /// <summary>The server's root, always ending in '/'.</summary>
    public Uri Server { get; }

    /// <summary>The API root document's path on this server.</summary>
    public string RootPath => _basePath + "api";

    public OctopusRequest Describe(HttpMethod method, string link) => new(method.Method, Server, ToPath(link));

    /// <summary>Sends a request, retrying what is worth retrying, and returns the successful response's body.</summary>
    public Task<string> SendAsync(OctopusRequest request, string? jsonBody, CancellationToken cancellationToken) =>
        RetryAsync(request, attemptToken => SendOnceAsync(request, jsonBody, attemptToken), cancellationToken);

    public async Task<T> GetAsync<T>(string link, CancellationToken cancellationToken)
        where T : class
    {
        var request = Describe(HttpMethod.Get, link);
        return OctopusJson.Parse<T>(request, await SendAsync(request, jsonBody: null, cancellationToken));
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> (which may send several requests) under the retry pipeline and turns
    /// what is left after the last attempt into an <see cref="OctopusException"/> naming <paramref name="request"/>.
    /// </summary>
    public async Task<T> RetryAsync<T>(OctopusRequest request, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetryPipeline.RequestKey, request);
        try
        {
            return await _pipeline.ExecuteAsync(
                async ctx =>
                {
                    Interlocked.Increment(ref attempts);
                    return await attempt(ctx.CancellationToken);
                },
                context);
        }
        catch (OctopusApiException e) when (attempts > 1)
        {
            throw e.AfterAttempts(attempts);
        }
        catch (TimeoutRejectedException e)
        {
            throw new OctopusUnreachableException(request, $"no answer within {_options.AttemptTimeout:g}", attempts, e);
        }
        catch (HttpRequestException e)
        {
            throw new OctopusUnreachableException(request, Reason(e), attempts, e);
        }
        catch (IOException e)
        {
            throw new OctopusUnreachableException(request, e.Message, attempts, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One attempt: the body on 2xx, else an <see cref="OctopusApiException"/> (marked transient for 5xx, 408, 429).</summary>
    public async Task<string> SendOnceAsync(OctopusRequest request, string? jsonBody, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        if (jsonBody is not null)
        {
            message.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        if (status is >= 200 and <= 299)
        {
            return body;
        }

        var reason = response.ReasonPhrase ?? response.StatusCode.ToString();
        var error = status is >= 300 and <= 399
            ? new OctopusError(
                $"redirected to {response.Headers.Location?.ToString() ?? "an unnamed location"}; set octopus.url to the address the server answers on",
                [])
            : OctopusError.Parse(body);
        if (status == 401)
        {
            throw new OctopusAuthenticationException(request, reason, error, attempts: 1);
        }

        throw new OctopusApiException(request, status, reason, error, attempts: 1) { RetryAfter = RetryAfter(response) };
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// A link from the server as a path on this server. Absolute links keep only their path and query;
    /// links from a server hosted under a virtual directory may or may not include it.
    /// </summary>
    private string ToPath(string link)
    {
        if (Uri.TryCreate(link, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            link = absolute.PathAndQuery;
        }

        if (!link.StartsWith('/'))
        {
            return _basePath + link;
        }

        return _basePath == "/" || link.StartsWith(_basePath, StringComparison.OrdinalIgnoreCase) ? link : _basePath.TrimEnd('/') + link;
    }

    private string Reason(HttpRequestException e)
    {
        if (e.HttpRequestError == HttpRequestError.SecureConnectionError && _pin.LastRejection is { } rejection)
        {
            return rejection;
        }

        return e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{e.Message} {inner.Message}"
            : e.Message;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
