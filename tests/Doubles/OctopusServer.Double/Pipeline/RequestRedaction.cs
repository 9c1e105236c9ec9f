namespace OctopusServer.Double.Pipeline;

/// <summary>Keeps API keys passed as <c>?apikey=</c> out of anything the double records or links to.</summary>
internal static class RequestRedaction
{
    public const string Placeholder = "REDACTED";

    public static bool IsApiKeyParameter(string name) => string.Equals(name, "apikey", StringComparison.OrdinalIgnoreCase);

    /// <summary>Replaces the value of every <c>apikey</c> parameter in a raw query string such as <c>?a=1&amp;apikey=X</c>.</summary>
    public static string Query(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return "";
        }

        var parts = rawQuery.TrimStart('?').Split('&').Select(part =>
        {
            var name = Uri.UnescapeDataString(part.Split('=', 2)[0]);
            return IsApiKeyParameter(name) ? $"{name}={Placeholder}" : part;
        });
        return "?" + string.Join('&', parts);
    }
}
