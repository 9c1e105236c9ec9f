using System.Security.Cryptography;

namespace Coordinator.Certificates;

/// <summary>
/// The 256-bit AES key that seals retained certificates at rest, and where it came from. Its id is derived from
/// the key (HMAC, truncated), so a blob can say which key sealed it without revealing anything about the key.
/// </summary>
public sealed class CertificateKey
{
    public const int SizeInBytes = 32;
    internal const int IdSizeInBytes = 8;
    private const string HowToMakeAKey = "Generate one with: openssl rand -base64 32";

    private readonly byte[] _material;

    private CertificateKey(byte[] material, string source)
    {
        _material = material;
        Source = source;
        IdBytes = HMACSHA256.HashData(material, "coordinator certificate key id"u8)[..IdSizeInBytes];
        Id = Convert.ToHexStringLower(IdBytes);
    }

    /// <summary>16 hex characters naming this key in blobs and messages; safe to show.</summary>
    public string Id { get; }

    /// <summary>Where the key was read from, for messages: the environment variable or the key file's path.</summary>
    public string Source { get; }

    internal byte[] IdBytes { get; }

    internal ReadOnlySpan<byte> Material => _material;

    public static CertificateKey Generate(string source) => new(RandomNumberGenerator.GetBytes(SizeInBytes), source);

    /// <summary>Parses base64 of exactly 32 bytes. Errors name <paramref name="source"/>, never the value.</summary>
    /// <exception cref="CertificateException">The value is not base64 of 32 bytes.</exception>
    public static CertificateKey FromBase64(string value, string source)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            throw new CertificateException(CertificateProblem.InvalidKey, $"The certificate key in {source} is empty. {HowToMakeAKey}");
        }

        byte[] material;
        try
        {
            material = Convert.FromBase64String(trimmed);
        }
        catch (FormatException)
        {
            // The FormatException is dropped on purpose: nothing about the value may travel with the error.
            throw new CertificateException(CertificateProblem.InvalidKey,
                $"The certificate key in {source} is not valid base64. {HowToMakeAKey}");
        }

        if (material.Length != SizeInBytes)
        {
            CryptographicOperations.ZeroMemory(material);
            throw new CertificateException(CertificateProblem.InvalidKey,
                $"The certificate key in {source} decodes to {material.Length} bytes; it must be exactly {SizeInBytes}. {HowToMakeAKey}");
        }

        return new CertificateKey(material, source);
    }

    internal string ToBase64() => Convert.ToBase64String(_material);

    public override string ToString() => $"certificate key {Id} from {Source}";
}
