using System.Text.Encodings.Web;
using System.Text.Json;

namespace Coordinator.Octopus.Http;

/// <summary>Octopus's JSON: PascalCase names both ways, read case-insensitively.</summary>
internal static class OctopusJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads a response body, turning anything unreadable into an error that names the request and server.</summary>
    public static T Parse<T>(OctopusRequest request, string body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Options)
                ?? throw new OctopusException($"The Octopus Server at {request.Server} answered {request} with JSON null instead of a {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            throw new OctopusException(
                $"The Octopus Server at {request.Server} answered {request} with a body that is not the expected JSON ({e.Message})", e);
        }
    }
}
