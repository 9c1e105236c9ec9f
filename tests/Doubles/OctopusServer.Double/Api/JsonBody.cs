using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OctopusServer.Double.Api;

/// <summary>A request body read as <typeparamref name="T"/>, or the 400 to answer when it could not be.</summary>
internal sealed record JsonBody<T>(T? Value, IResult? Problem)
    where T : class
{
    public static async Task<JsonBody<T>> ReadAsync(HttpRequest request)
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, OctopusJson.Options, request.HttpContext.RequestAborted);
            return value is null
                ? new(null, ApiResults.Invalid(["The request body is empty."]))
                : new(value, null);
        }
        catch (JsonException e)
        {
            return new(null, ApiResults.Invalid([$"The request body is not valid JSON: {e.Message}"]));
        }
    }
}
