namespace OctopusServer.Double.Resources;

/// <summary>The anonymous document at <c>GET /api</c> that clients navigate from.</summary>
public sealed record RootResource(
    string Application,
    string Version,
    string ApiVersion,
    string InstallationId,
    IReadOnlyDictionary<string, string> Links);
