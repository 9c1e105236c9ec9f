using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coordinator.Cli.Output;

/// <summary>The one JSON dialect of <c>--json</c>: camelCase names, ISO 8601 times, kebab-case enum values.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>An enum value as <c>--json</c> writes it, so tables and JSON use the same words.</summary>
    public static string Word<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
