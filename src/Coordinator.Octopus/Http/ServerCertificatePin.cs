using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Coordinator.Octopus.Http;

/// <summary>
/// Validates the Octopus Server's HTTPS certificate. With a pinned thumbprint only that certificate is
/// accepted, whatever its chain (self-signed servers); without one, ordinary validation applies. It remembers
/// why it last refused so the error can say which thumbprint the server presented.
/// </summary>
internal sealed class ServerCertificatePin(string? pinnedThumbprint)
{
    private readonly string? _pinned = pinnedThumbprint is null ? null : Normalize(pinnedThumbprint);
    private string? _lastRejection;

    public string? LastRejection => Volatile.Read(ref _lastRejection);

    /// <summary>Upper-case hex without separators, or null when it is not a SHA-1 or SHA-256 thumbprint.</summary>
    public static string? Normalize(string thumbprint)
    {
        var hex = new string([.. thumbprint.Where(c => !char.IsWhiteSpace(c) && c != ':')]).ToUpperInvariant();
        return hex.Length is 40 or 64 && hex.All(char.IsAsciiHexDigit) ? hex : null;
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_pinned is null)
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            Reject($"its TLS certificate failed validation ({errors}); for a self-signed server certificate, pin its thumbprint");
            return false;
        }

        if (certificate is null)
        {
            Reject($"it presented no TLS certificate; the pinned thumbprint is {_pinned}");
            return false;
        }

        var presented = Thumbprint(certificate, _pinned.Length == 64 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1);
        if (string.Equals(presented, _pinned, StringComparison.Ordinal))
        {
            return true;
        }

        Reject($"it presented a TLS certificate with thumbprint {presented}, not the pinned {_pinned}");
        return false;
    }

    private static string Thumbprint(X509Certificate certificate, HashAlgorithmName algorithm) =>
        Convert.ToHexString(certificate.GetCertHash(algorithm));

    private void Reject(string reason) => Volatile.Write(ref _lastRejection, reason);
}
