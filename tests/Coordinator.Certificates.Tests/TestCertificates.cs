using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Coordinator.Certificates.Tests;

/// <summary>Certificates shared by tests: RSA key generation is the slow part, so each is made once.</summary>
internal static class TestCertificates
{
    private static readonly Lazy<RetainedCertificate> SharedTentacle = new(() => TentacleCertificateFactory.Create());
    private static readonly Lazy<RetainedCertificate> SharedOtherTentacle = new(() => TentacleCertificateFactory.Create());

    public static RetainedCertificate Tentacle => SharedTentacle.Value;

    /// <summary>Another host's certificate, to prove nothing is confused between hosts.</summary>
    public static RetainedCertificate OtherTentacle => SharedOtherTentacle.Value;

    /// <summary>The public certificate (DER) alone: what anyone sees in a TLS handshake.</summary>
    public static byte[] PublicDer(RetainedCertificate certificate)
    {
        using var x509 = certificate.ToX509Certificate2();
        return x509.RawData;
    }

    public static X509Certificate2 SelfSigned(AsymmetricAlgorithm key, DateTimeOffset notBefore, DateTimeOffset notAfter, string subject = "CN=test")
    {
        var request = key switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256),
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    public static X509Certificate2 SelfSignedRsa(int keySize = 2048, string subject = "CN=test")
    {
        using var rsa = RSA.Create(keySize);
        return SelfSigned(rsa, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), subject);
    }
}
