namespace Coordinator.Octopus;

/// <summary>
/// How a listening Tentacle should be registered, in the inventory's terms: names, not Octopus ids. The
/// registration resolves the names in the client's space.
/// </summary>
/// <param name="Name">The machine's display name in Octopus (unique per space).</param>
/// <param name="Host">The address Octopus connects to; stored lower-cased in the endpoint URI.</param>
/// <param name="Port">The Tentacle's listening port.</param>
/// <param name="Thumbprint">The retained certificate's thumbprint: the machine's identity.</param>
/// <param name="Environments">Environment names (exact, case-insensitive); at least one.</param>
/// <param name="Roles">Target roles (tags).</param>
/// <param name="TenantIds">Tenant ids; empty for an untenanted machine.</param>
/// <param name="MachinePolicy">The machine policy's name; null for the space's default policy.</param>
public sealed record DesiredMachine(
    string Name,
    string Host,
    int Port,
    string Thumbprint,
    IReadOnlyList<string> Environments,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> TenantIds,
    string? MachinePolicy = null)
{
    public const int DefaultTentaclePort = 10933;

    /// <summary>The listening endpoint as Octopus stores it: <c>https://{host lower-cased}:{port}/</c>.</summary>
    public string ListeningUri
    {
        get
        {
            var host = Host.Trim().ToLowerInvariant();
            return $"https://{(host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host)}:{Port}/";
        }
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("A machine needs a name.", nameof(Name));
        }

        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException($"Machine '{Name}' needs a host to connect to.", nameof(Host));
        }

        if (Port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, $"Machine '{Name}' has port {Port}; a TCP port is 1 to 65535.");
        }

        if (!IsThumbprint(CanonicalThumbprint))
        {
            throw new ArgumentException(
                $"Machine '{Name}' has thumbprint '{Thumbprint}'; a certificate thumbprint is 40 hex digits (SHA-1).", nameof(Thumbprint));
        }

        if (Environments.Count == 0 || Environments.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Machine '{Name}' needs at least one environment, and no blank ones.", nameof(Environments));
        }
    }

    /// <summary>Octopus and Tentacle compare thumbprints as exact strings: always the upper-case form.</summary>
    internal string CanonicalThumbprint => Thumbprint.Trim().ToUpperInvariant();

    internal static bool IsThumbprint(string value) =>
        value.Length == 40 && value.All(c => char.IsAsciiDigit(c) || c is >= 'A' and <= 'F');
}
