using OctopusServer.Double.Resources;

namespace OctopusServer.Double.State;

/// <summary>The validation a real server applies to a machine body before saving it.</summary>
internal static class MachineRules
{
    public const string MissingThumbprint = "Please provide a thumbprint for this machine.";
    public const string EndpointTypeChanged = "Model Endpoint type does not match incoming type";

    public static IReadOnlyList<string> Validate(
        MachineBody body,
        MachineRecord? existing,
        IEnumerable<MachineRecord> machinesInSpace,
        Func<string, bool> environmentExists,
        Func<string, bool> policyExists)
    {
        var errors = new List<string>();
        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("Please provide a name for this machine.");
        }
        else if (machinesInSpace.Any(m => m.Id != existing?.Id && string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add($"A machine named '{name}' already exists. Please choose a different name.");
        }

        errors.AddRange(ValidateEndpoint(body.Endpoint, existing));

        foreach (var environmentId in body.EnvironmentIds ?? [])
        {
            if (!environmentExists(environmentId))
            {
                errors.Add($"The environment '{environmentId}' does not exist.");
            }
        }

        if (body.MachinePolicyId is { } policyId && !policyExists(policyId))
        {
            errors.Add($"The machine policy '{policyId}' does not exist.");
        }

        return errors;
    }

    private static IEnumerable<string> ValidateEndpoint(EndpointBody? endpoint, MachineRecord? existing)
    {
        if (endpoint is null)
        {
            yield return "Please provide an endpoint for this machine.";
            yield break;
        }

        var style = endpoint.CommunicationStyle;
        if (style is not (CommunicationStyles.TentaclePassive or CommunicationStyles.TentacleActive))
        {
            yield return $"The communication style '{style}' is not supported; use TentaclePassive or TentacleActive.";
            yield break;
        }

        if (existing is not null && existing.Endpoint.CommunicationStyle != style)
        {
            yield return EndpointTypeChanged;
        }

        if (string.IsNullOrWhiteSpace(endpoint.Thumbprint))
        {
            yield return MissingThumbprint;
        }

        var expectedScheme = style == CommunicationStyles.TentaclePassive ? Uri.UriSchemeHttps : "poll";
        if (!Uri.TryCreate(endpoint.Uri, UriKind.Absolute, out var uri) || uri.Scheme != expectedScheme)
        {
            yield return $"Please provide a {expectedScheme}:// URI for this machine.";
        }
    }
}
