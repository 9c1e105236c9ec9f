namespace OctopusServer.Double.Resources;

/// <summary>The server's own certificate, whose thumbprint Tentacles must trust.</summary>
public sealed record CertificateResource(
    string Id,
    string Name,
    string Thumbprint,
    string SignatureAlgorithm,
    DateTimeOffset NotAfter,
    IReadOnlyDictionary<string, string> Links);
