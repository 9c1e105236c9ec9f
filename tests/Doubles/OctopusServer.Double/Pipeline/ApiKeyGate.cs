using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using OctopusServer.Double.Api;

namespace OctopusServer.Double.Pipeline;

/// <summary>
/// Lets <c>GET /api</c> through anonymously and demands the API key everywhere else under <c>/api/</c>,
/// accepted in the three places Octopus accepts it.
/// </summary>
internal sealed class ApiKeyGate(RequestDelegate next, string apiKey)
{
    public const string HeaderName = "X-Octopus-ApiKey";

    private readonly byte[] _expected = Encoding.UTF8.GetBytes(apiKey);

    public static bool RequiresKey(PathString path) =>
        path.StartsWithSegments("/api", out var rest) && rest.HasValue && rest != "/";

    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header))
        {
            return header.ToString();
        }

        var query = request.Query.FirstOrDefault(p => RequestRedaction.IsApiKeyParameter(p.Key)).Value;
        if (!string.IsNullOrEmpty(query))
        {
            return query.ToString();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (RequiresKey(context.Request.Path) && !IsValid(PresentedKey(context.Request)))
        {
            await ApiResults.Error(StatusCodes.Status401Unauthorized, ApiResults.NotLoggedInMessage, []).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private bool IsValid(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected);
}
