namespace Coordinator.Octopus.Tests;

/// <summary>
/// Sits in front of the real handler to stage what the server double cannot: a response lost after the
/// server acted, a <c>Retry-After</c>, a body that is not JSON. The script sees each request and either
/// answers it, or returns null to let it through.
/// </summary>
internal sealed class ScriptedHandler(Func<HttpRequestMessage, Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>?> script)
    : DelegatingHandler
{
    public static Func<HttpMessageHandler, HttpMessageHandler> Wrap(
        Func<HttpRequestMessage, Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>?> script) =>
        inner => new ScriptedHandler(script) { InnerHandler = inner };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        script(request, () => base.SendAsync(request, cancellationToken)) ?? base.SendAsync(request, cancellationToken);
}
