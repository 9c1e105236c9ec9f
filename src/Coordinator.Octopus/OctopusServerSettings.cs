using Coordinator.Octopus.Http;

namespace Coordinator.Octopus;

/// <summary>
/// Where the Octopus Server is and how to talk to it. The API key is only ever sent as a header: it is
/// left out of <see cref="ToString"/> so a logged or printed settings object cannot leak it.
/// </summary>
/// <param name="Url">The server's root, e.g. <c>https://octopus.example.com/</c> (the API is under <c>api/</c>).</param>
/// <param name="ApiKey">The API key, sent as <c>X-Octopus-ApiKey</c>.</param>
/// <param name="Space">The space's name; null or blank means the server's default space.</param>
/// <param name="PinnedTlsThumbprint">
/// For a server with a self-signed certificate: the only certificate thumbprint (SHA-1 or SHA-256 hex) accepted
/// over HTTPS. Null means ordinary certificate validation.
/// </param>
public sealed record OctopusServerSettings(Uri Url, string ApiKey, string? Space = null, string? PinnedTlsThumbprint = null)
{
    public override string ToString() =>
        $"Octopus Server {Url} (space {(string.IsNullOrWhiteSpace(Space) ? "default" : $"'{Space}'")}" +
        $"{(PinnedTlsThumbprint is null ? "" : $", TLS pinned to {PinnedTlsThumbprint}")}, API key redacted)";

    internal void Validate()
    {
        if (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The Octopus Server URL '{Url}' must be an absolute http:// or https:// URL.", nameof(Url));
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new ArgumentException("The Octopus API key is blank; set octopus.api-key.", nameof(ApiKey));
        }

        if (PinnedTlsThumbprint is not null && ServerCertificatePin.Normalize(PinnedTlsThumbprint) is null)
        {
            throw new ArgumentException(
                $"The pinned TLS thumbprint '{PinnedTlsThumbprint}' is not a SHA-1 (40) or SHA-256 (64) hex thumbprint.",
                nameof(PinnedTlsThumbprint));
        }
    }
}
