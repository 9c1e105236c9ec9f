using System.Text.Json.Serialization;

namespace OctopusServer.Double.Resources;

/// <summary>The error body Octopus returns for every failed request.</summary>
public sealed record ErrorResource(string ErrorMessage, IReadOnlyList<string> Errors)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FullException { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HelpText { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public object? Details { get; init; }
}
