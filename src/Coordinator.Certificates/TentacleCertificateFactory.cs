using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Coordinator.Certificates;

/// <summary>
/// Generates a host's Tentacle certificate the way <c>Tentacle new-certificate</c> does, so a certificate the
/// coordinator made is indistinguishable from one Tentacle made for itself.
/// </summary>
public static class TentacleCertificateFactory
{
    public const string Subject = "CN=Octopus Tentacle";
    public const int KeySizeInBits = 2048;

    public static RetainedCertificate Create() => Create(DateTimeOffset.UtcNow);

    /// <summary>
    /// Valid from a day before <paramref name="now"/> (tolerates hosts whose clocks lag) for 100 years, because
    /// Octopus pins the thumbprint and a certificate that expired would force a new identity.
    /// </summary>
    public static RetainedCertificate Create(DateTimeOffset now)
    {
        // X.509 stores whole seconds; truncating here keeps NotBefore/NotAfter equal to what was asked for.
        var notBefore = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddDays(-1);
        using var key = RSA.Create(KeySizeInBits);
        var request = new CertificateRequest(Subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(notBefore, notBefore.AddYears(100));
        return RetainedCertificate.FromCertificate(certificate);
    }
}
