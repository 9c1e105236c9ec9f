using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tentacle.Double.Certificates;

/// <summary>Reading and writing certificates with their private keys as PKCS#12 (PFX).</summary>
internal static class Pkcs12
{
    const X509KeyStorageFlags KeyFlags = X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet;

    public static byte[] ExportUnprotected(X509Certificate2 certificate) => certificate.Export(X509ContentType.Pkcs12);

    public static byte[] ExportProtected(X509Certificate2 certificate, string? password) =>
        certificate.Export(X509ContentType.Pkcs12, password);

    public static X509Certificate2 LoadUnprotected(byte[] pkcs12) => X509CertificateLoader.LoadPkcs12(pkcs12, null, KeyFlags);

    /// <summary>
    /// Loads a PFX that must carry its private key. A well-formed PFX that fails to open is a password problem;
    /// both failures surface as exceptions (exit code 100), as in Tentacle.
    /// </summary>
    public static X509Certificate2 LoadWithPrivateKey(byte[] data, string? password, string source)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(data, password, KeyFlags);
        }
        catch (CryptographicException) when (IsPkcs12Structure(data))
        {
            throw new CryptographicException($"The certificate in {source} cannot be read with the provided password.");
        }
        catch (CryptographicException)
        {
            throw new CryptographicException($"The certificate in {source} is not a PKCS#12 (PFX) certificate.");
        }

        if (!certificate.HasPrivateKey)
        {
            throw new CryptographicException(
                $"The certificate in {source} does not include its private key. Tentacle needs a PFX that holds the private key.");
        }

        return certificate;
    }

    static bool IsPkcs12Structure(byte[] data)
    {
        try
        {
            var pfx = new AsnReader(data, AsnEncodingRules.BER).ReadSequence();
            return pfx.TryReadInt32(out var version) && version == 3;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
