using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Coordinator.Certificates;

/// <summary>
/// Seals retained certificates with AES-256-GCM so the journal and any backup of it hold no usable private key.
/// Every blob names the key that sealed it, which is what later key rotation will build on.
/// </summary>
public sealed class CertificateVault(CertificateKey key)
{
    private const int FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Magic = "CCRT"u8.ToArray();
    private static readonly int HeaderSize = Magic.Length + 1 + CertificateKey.IdSizeInBytes;

    public CertificateKey Key { get; } = key;

    public SealedCertificate Seal(string host, RetainedCertificate certificate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var plaintext = certificate.ExportForImport();
        try
        {
            var blob = new byte[HeaderSize + NonceSize + TagSize + plaintext.Length];
            Magic.CopyTo(blob, 0);
            blob[Magic.Length] = FormatVersion;
            Key.IdBytes.CopyTo(blob, Magic.Length + 1);
            var header = blob.AsSpan(0, HeaderSize);
            var nonce = blob.AsSpan(HeaderSize, NonceSize);
            RandomNumberGenerator.Fill(nonce);

            using var aes = new AesGcm(Key.Material, TagSize);
            aes.Encrypt(nonce, plaintext, blob.AsSpan(HeaderSize + NonceSize + TagSize), blob.AsSpan(HeaderSize + NonceSize, TagSize),
                AssociatedData(header, host, certificate.Thumbprint));

            return new SealedCertificate(host, certificate.Thumbprint, certificate.Subject, certificate.NotBefore, certificate.NotAfter,
                Convert.ToBase64String(blob));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Opens the certificate sealed for <paramref name="host"/>.</summary>
    /// <exception cref="CertificateException">
    /// The blob belongs to another host, was sealed with another key, was altered, or is in a format this version
    /// does not read. The message names the host and the likely cause.
    /// </exception>
    public RetainedCertificate Unseal(string host, SealedCertificate sealedCertificate)
    {
        if (sealedCertificate.Host != host)
        {
            throw new CertificateException(CertificateProblem.WrongHost,
                $"The sealed certificate offered for {host} belongs to {sealedCertificate.Host}; a host's certificate is never used for another host.");
        }

        var blob = Decode(host, sealedCertificate.Blob);
        if (blob.Length < HeaderSize + NonceSize + TagSize || !blob.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw Tampered(host, "its header is damaged or it is not a sealed certificate");
        }

        if (blob[Magic.Length] != FormatVersion)
        {
            throw new CertificateException(CertificateProblem.UnsupportedFormat,
                $"The certificate of {host} was sealed in format version {blob[Magic.Length]}, which this coordinator cannot read " +
                $"(it reads version {FormatVersion}); was it written by a newer coordinator?");
        }

        var sealedWith = blob.AsSpan(Magic.Length + 1, CertificateKey.IdSizeInBytes);
        if (!sealedWith.SequenceEqual(Key.IdBytes))
        {
            throw new CertificateException(CertificateProblem.WrongKey,
                $"The certificate of {host} was sealed with certificate key {Convert.ToHexStringLower(sealedWith)}, but the current key is " +
                $"{Key.Id} (from {Key.Source}). The certificate key changed: restore the key it was sealed with " +
                $"({CertificateKeyStore.EnvironmentVariable} or <data-dir>/keys/certificates.key) to keep this host's identity.");
        }

        var plaintext = new byte[blob.Length - HeaderSize - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(Key.Material, TagSize);
            aes.Decrypt(blob.AsSpan(HeaderSize, NonceSize), blob.AsSpan(HeaderSize + NonceSize + TagSize),
                blob.AsSpan(HeaderSize + NonceSize, TagSize), plaintext,
                AssociatedData(blob.AsSpan(0, HeaderSize), host, sealedCertificate.Thumbprint));

            var certificate = RetainedCertificate.FromUnprotectedPkcs12(plaintext);
            return certificate.Thumbprint == sealedCertificate.Thumbprint
                ? certificate
                : throw Tampered(host, "the certificate inside does not match the recorded thumbprint");
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Tampered(host, "its integrity check failed: it was altered, or it was sealed for another host or thumbprint");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The header, host and thumbprint, length-prefixed so no two different triples encode alike.</summary>
    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string host, string thumbprint)
    {
        var hostBytes = Encoding.UTF8.GetBytes(host);
        var thumbprintBytes = Encoding.UTF8.GetBytes(thumbprint);
        var data = new byte[header.Length + 4 + hostBytes.Length + 4 + thumbprintBytes.Length];
        var span = data.AsSpan();
        header.CopyTo(span);
        span = span[header.Length..];
        BinaryPrimitives.WriteInt32BigEndian(span, hostBytes.Length);
        hostBytes.CopyTo(span[4..]);
        span = span[(4 + hostBytes.Length)..];
        BinaryPrimitives.WriteInt32BigEndian(span, thumbprintBytes.Length);
        thumbprintBytes.CopyTo(span[4..]);
        return data;
    }

    private static byte[] Decode(string host, string blob)
    {
        try
        {
            return Convert.FromBase64String(blob);
        }
        catch (FormatException)
        {
            throw Tampered(host, "it is not valid base64");
        }
    }

    private static CertificateException Tampered(string host, string reason) =>
        new(CertificateProblem.Tampered,
            $"The sealed certificate of {host} cannot be opened: {reason}. Restore the machine's record from a backup, " +
            "or import its certificate again with coord certs import.");
}
