using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tentacle.Double.Certificates;

/// <summary>Generates certificates like Tentacle's: self-signed CN=Octopus Tentacle, RSA 2048, SHA-256, 100 years.</summary>
internal static class TentacleCertificateFactory
{
    public const string SubjectName = "CN=Octopus Tentacle";

    public static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(SubjectName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        using var generated = request.CreateSelfSigned(notBefore, notBefore.AddYears(100));
        // Round-trip so the key is exportable and independent of the disposed RSA instance.
        return Pkcs12.LoadUnprotected(Pkcs12.ExportUnprotected(generated));
    }
}
