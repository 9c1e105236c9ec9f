using System.Text.Json;

namespace Coordinator.Octopus.Http;

/// <summary>
/// The error body Octopus sends with every failure: <c>{"ErrorMessage": ..., "Errors": [...]}</c>. A body that
/// is not one (a proxy's HTML page, say) is kept as a short one-line excerpt so the error still says something.
/// </summary>
internal sealed record OctopusError(string ErrorMessage, IReadOnlyList<string> Errors)
{
    private const int ExcerptLength = 200;

    public static OctopusError Parse(string body)
    {
        try
        {
            if (JsonSerializer.Deserialize<Body>(body, OctopusJson.Options) is { ErrorMessage: not null } parsed)
            {
                return new OctopusError(parsed.ErrorMessage, [.. (parsed.Errors ?? []).OfType<string>().Where(e => !string.IsNullOrWhiteSpace(e))]);
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the excerpt.
        }

        return new OctopusError(Excerpt(body), []);
    }

    private static string Excerpt(string body)
    {
        var line = string.Join(' ', body.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= ExcerptLength ? line : line[..ExcerptLength] + "…";
    }

    private sealed record Body(string? ErrorMessage, List<string?>? Errors);
}
