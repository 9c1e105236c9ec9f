using System.Text;

namespace Coordinator.Certificates;

/// <summary>
/// A retained certificate as it is stored: public facts in the clear (so <c>coord certs list</c> needs no key) and
/// the PKCS#12 encrypted by <see cref="CertificateVault"/>. <see cref="Blob"/> is base64 of
/// <c>"CCRT" | format version | key id (8) | nonce (12) | tag (16) | ciphertext</c>; the host and thumbprint are
/// authenticated with it, so neither can be edited nor the blob moved to another host.
/// </summary>
public sealed record SealedCertificate(
    string Host,
    string Thumbprint,
    string Subject,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Blob)
{
    // The ciphertext is not secret, but it is long and says nothing useful in a log line.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Host = {Host}, Thumbprint = {Thumbprint}, Subject = {Subject}, ");
        builder.Append($"NotBefore = {NotBefore:O}, NotAfter = {NotAfter:O}, Blob = <{Blob.Length} base64 characters>");
        return true;
    }
}
