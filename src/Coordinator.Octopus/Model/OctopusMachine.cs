using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coordinator.Octopus;

/// <summary>
/// A deployment target as the server returned it. The whole document is kept, because an update PUTs the
/// whole resource back: fields the coordinator does not manage (tenant tags, disabled flag, proxy, ...) must
/// survive untouched.
/// </summary>
public sealed class OctopusMachine
{
    public const string ListeningStyle = "TentaclePassive";

    private readonly JsonObject _document;

    internal OctopusMachine(JsonObject document) => _document = (JsonObject)document.DeepClone();

    public string Id => Text(_document, "Id") ?? "";

    public string Name => Text(_document, "Name") ?? "";

    /// <summary>The thumbprint Octopus pins for this machine's Tentacle.</summary>
    public string? Thumbprint => Text(Endpoint, "Thumbprint") ?? Text(_document, "Thumbprint");

    public string? Uri => Text(Endpoint, "Uri") ?? Text(_document, "Uri");

    public string? CommunicationStyle => Text(Endpoint, "CommunicationStyle");

    public IReadOnlyList<string> EnvironmentIds => List("EnvironmentIds");

    public IReadOnlyList<string> Roles => List("Roles");

    public IReadOnlyList<string> TenantIds => List("TenantIds");

    public string TenantedDeploymentParticipation => Text(_document, "TenantedDeploymentParticipation") ?? "Untenanted";

    public string? MachinePolicyId => Text(_document, "MachinePolicyId");

    public bool IsDisabled => _document["IsDisabled"] is JsonValue value && value.TryGetValue<bool>(out var disabled) && disabled;

    public string? HealthStatus => Text(_document, "HealthStatus");

    public string? StatusSummary => Text(_document, "StatusSummary");

    internal string? SelfLink => Text(_document["Links"] as JsonObject, "Self");

    private JsonObject? Endpoint => _document["Endpoint"] as JsonObject;

    /// <summary>A copy of the server's document, to change and PUT back.</summary>
    internal JsonObject ToDocument() => (JsonObject)_document.DeepClone();

    public override string ToString() => $"{Id} '{Name}'";

    internal static string? Text(JsonObject? owner, string name) =>
        owner?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private IReadOnlyList<string> List(string name) =>
        _document[name] is JsonArray array ? [.. array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>())] : [];
}
