using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OctopusServer.Double.Tests;

internal static class TentacleCertificate
{
    /// <summary>A certificate like the one a Tentacle instance presents (CN=Octopus Tentacle, RSA 2048).</summary>
    public static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Octopus Tentacle", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}
