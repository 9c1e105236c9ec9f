using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Coordinator.Tentacle;

/// <summary>Parsers for what Tentacle commands print on stdout.</summary>
public static partial class TentacleOutput
{
    const int ShownCharacters = 200;

    /// <summary>
    /// <c>show-thumbprint</c>: exactly 40 upper-case hex characters without a newline, or nothing when the instance has
    /// no certificate. Surrounding whitespace (a newline added by a shell) is tolerated; the result is upper-case.
    /// </summary>
    /// <returns>The thumbprint, or <c>null</c> for none.</returns>
    /// <exception cref="FormatException">The output is something else.</exception>
    public static string? ParseThumbprint(string output)
    {
        var text = output.Trim();
        if (text.Length == 0)
            return null;
        return Thumbprint().IsMatch(text)
            ? text.ToUpperInvariant()
            : throw new FormatException($"show-thumbprint printed '{Shortened(text)}', not a thumbprint.");
    }

    /// <summary><c>version</c>: the version number, e.g. <c>8.3.2971</c> (build metadata after <c>+</c> is kept).</summary>
    /// <exception cref="FormatException">The output is not a version.</exception>
    public static string ParseVersion(string output)
    {
        var text = output.Trim();
        return Version().IsMatch(text) ? text : throw new FormatException($"version printed '{Shortened(text)}', not a version.");
    }

    /// <summary><c>list-instances --format=json</c>: <c>[{"InstanceName":"Tentacle","ConfigurationFilePath":"..."}]</c>.</summary>
    /// <exception cref="FormatException">The output is not that JSON.</exception>
    public static ImmutableArray<TentacleInstance> ParseInstances(string output)
    {
        var text = output.Trim();
        if (text.Length == 0)
            return [];
        using var document = ParseJson(text, JsonValueKind.Array, "list-instances");
        var instances = ImmutableArray.CreateBuilder<TentacleInstance>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var name = entry.ValueKind == JsonValueKind.Object ? StringProperty(entry, "InstanceName") ?? StringProperty(entry, "Name") : null;
            var path = entry.ValueKind == JsonValueKind.Object ? StringProperty(entry, "ConfigurationFilePath") : null;
            if (name is null || path is null)
                throw new FormatException($"list-instances printed an entry without InstanceName and ConfigurationFilePath: {Shortened(entry.GetRawText())}");
            instances.Add(new TentacleInstance(name, path));
        }

        return instances.ToImmutable();
    }

    /// <summary>
    /// <c>show-configuration</c>: nested JSON (<c>{"Octopus":{"Home":...},"Tentacle":{"Services":{"PortNumber":...}}}</c>);
    /// flat dotted keys (<c>"Octopus.Home"</c>) are read too. Settings it does not report are <c>null</c>.
    /// </summary>
    /// <exception cref="FormatException">The output is not a JSON object.</exception>
    public static TentacleConfiguration ParseConfiguration(string output)
    {
        using var document = ParseJson(output.Trim(), JsonValueKind.Object, "show-configuration");
        var root = document.RootElement;
        return new TentacleConfiguration(
            AsString(Setting(root, "Octopus", "Home")),
            AsString(Setting(root, "Tentacle", "Deployment", "ApplicationDirectory")),
            AsInt(Setting(root, "Tentacle", "Services", "PortNumber")),
            AsString(Setting(root, "Tentacle", "Services", "ListenIP")),
            AsBool(Setting(root, "Tentacle", "Services", "NoListen")),
            TrustedThumbprints(Setting(root, "Tentacle", "Communication", "TrustedOctopusServers")));
    }

    static JsonDocument ParseJson(string text, JsonValueKind expected, string command)
    {
        // Tolerates log lines around the document: it starts at the first bracket of the expected kind.
        var start = text.IndexOf(expected == JsonValueKind.Array ? '[' : '{');
        try
        {
            var document = JsonDocument.Parse(start < 0 ? text : text[start..]);
            if (document.RootElement.ValueKind == expected)
                return document;
            document.Dispose();
        }
        catch (JsonException)
        {
        }

        throw new FormatException($"{command} printed '{Shortened(text)}', not a JSON {(expected == JsonValueKind.Array ? "array" : "object")}.");
    }

    /// <summary>The value at a nested path, or under the flat dotted key.</summary>
    static JsonElement? Setting(JsonElement root, params string[] path)
    {
        var current = root;
        foreach (var segment in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
                return root.TryGetProperty(string.Join('.', path), out var flat) ? flat : null;
        }

        return current;
    }

    static string? StringProperty(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static string? AsString(JsonElement? value) => value is { ValueKind: JsonValueKind.String } text && text.GetString() is { Length: > 0 } s ? s : null;

    static int? AsInt(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt32(out var n) => n,
        { ValueKind: JsonValueKind.String } text when int.TryParse(text.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    static bool? AsBool(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } text when bool.TryParse(text.GetString(), out var b) => b,
        _ => null,
    };

    /// <summary>An array of <c>{"Thumbprint":...}</c>, or that array serialised into a string (the flat form).</summary>
    static ImmutableArray<string> TrustedThumbprints(JsonElement? value)
    {
        if (value is { ValueKind: JsonValueKind.String } text)
        {
            if (text.GetString() is not { Length: > 0 } json)
                return [];
            using var inner = ParseJson(json, JsonValueKind.Array, "show-configuration (trusted servers)");
            return TrustedThumbprints(inner.RootElement.Clone());
        }

        if (value is not { ValueKind: JsonValueKind.Array } servers)
            return [];
        return [.. servers.EnumerateArray()
            .Select(server => server.ValueKind == JsonValueKind.Object ? StringProperty(server, "Thumbprint") : null)
            .OfType<string>()];
    }

    static string Shortened(string text) => text.Length <= ShownCharacters ? text : text[..ShownCharacters] + "...";

    [GeneratedRegex("^[0-9A-Fa-f]{40}$")]
    private static partial Regex Thumbprint();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+){1,3}([-+][0-9A-Za-z.+-]+)?$")]
    private static partial Regex Version();
}
