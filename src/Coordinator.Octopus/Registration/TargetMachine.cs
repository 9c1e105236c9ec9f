using System.Text.Json.Nodes;

namespace Coordinator.Octopus;

/// <summary>The desired machine with names resolved to ids: the fields the coordinator manages.</summary>
internal sealed record TargetMachine(
    string Name,
    string Uri,
    string Thumbprint,
    IReadOnlyList<string> EnvironmentIds,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> TenantIds,
    string MachinePolicyId)
{
    private const string Untenanted = "Untenanted";

    public JsonObject NewDocument() => Write(new JsonObject
    {
        ["Name"] = Name,
        ["TenantTags"] = new JsonArray(),
        ["IsDisabled"] = false,
        ["Endpoint"] = new JsonObject
        {
            ["CommunicationStyle"] = OctopusMachine.ListeningStyle,
            ["ProxyId"] = null,
        },
    }, Participation(Untenanted));

    /// <summary>The existing document with the managed fields replaced; everything else is left as the server sent it.</summary>
    public JsonObject ApplyTo(OctopusMachine existing) => Write(existing.ToDocument(), Participation(existing.TenantedDeploymentParticipation));

    public IReadOnlyList<MachineChange> ChangesFrom(OctopusMachine existing)
    {
        var changes = new List<MachineChange>();
        void Compare(string field, string? before, string after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                changes.Add(new MachineChange(field, before ?? "(none)", after));
            }
        }

        void CompareSets(string field, IReadOnlyList<string> before, IReadOnlyList<string> after)
        {
            if (!before.ToHashSet(StringComparer.Ordinal).SetEquals(after))
            {
                changes.Add(new MachineChange(field, Show(before), Show(after)));
            }
        }

        Compare("Name", existing.Name, Name);
        Compare("Uri", existing.Uri, Uri);
        Compare("Thumbprint", existing.Thumbprint, Thumbprint);
        CompareSets("EnvironmentIds", existing.EnvironmentIds, EnvironmentIds);
        CompareSets("Roles", existing.Roles, Roles);
        CompareSets("TenantIds", existing.TenantIds, TenantIds);
        Compare("TenantedDeploymentParticipation", existing.TenantedDeploymentParticipation, Participation(existing.TenantedDeploymentParticipation));
        Compare("MachinePolicyId", existing.MachinePolicyId, MachinePolicyId);
        return changes;
    }

    /// <summary>
    /// Tenants decide participation only where they must: a machine with tenants cannot be Untenanted, and one
    /// without cannot be Tenanted-only; otherwise the operator's choice in Octopus stands.
    /// </summary>
    private string Participation(string current) => (TenantIds.Count, current) switch
    {
        (0, _) => Untenanted,
        (_, Untenanted) => "TenantedOrUntenanted",
        _ => current,
    };

    private JsonObject Write(JsonObject document, string participation)
    {
        document["Name"] = Name;
        document["EnvironmentIds"] = Array(EnvironmentIds);
        document["Roles"] = Array(Roles);
        document["TenantIds"] = Array(TenantIds);
        document["TenantedDeploymentParticipation"] = participation;
        document["MachinePolicyId"] = MachinePolicyId;
        var endpoint = document["Endpoint"] as JsonObject ?? new JsonObject { ["CommunicationStyle"] = OctopusMachine.ListeningStyle };
        endpoint["Uri"] = Uri;
        endpoint["Thumbprint"] = Thumbprint;
        document["Endpoint"] = endpoint;

        // The resource repeats the endpoint's address and thumbprint at the top level; keep the copies in step.
        if (document.ContainsKey("Uri"))
        {
            document["Uri"] = Uri;
        }

        if (document.ContainsKey("Thumbprint"))
        {
            document["Thumbprint"] = Thumbprint;
        }

        return document;
    }

    private static JsonArray Array(IReadOnlyList<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static string Show(IReadOnlyList<string> values) => values.Count == 0 ? "(none)" : string.Join(", ", values);
}
