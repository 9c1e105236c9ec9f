namespace Coordinator.Inventory;

/// <summary>The Octopus Server the fleet registers with.</summary>
/// <param name="Url">The server's absolute http(s) URL.</param>
/// <param name="ApiKey">Where the API key is read from when it is needed; never the key itself.</param>
/// <param name="Space">The space name, or <c>null</c> for the server's default space.</param>
public sealed record OctopusServerSettings(Uri Url, SecretReference ApiKey, string? Space);
