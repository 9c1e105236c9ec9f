using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Coordinator.Tentacle.Tests.Support;

/// <summary>A certificate made the way Tentacle makes one, exported as the unprotected PFX the coordinator uploads.</summary>
public sealed record TestCertificate(byte[] Pfx, string Thumbprint)
{
    public static TestCertificate Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Octopus Tentacle", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));
        return new TestCertificate(certificate.Export(X509ContentType.Pkcs12), certificate.Thumbprint);
    }

    /// <summary>Writes the PFX where the coordinator's SFTP upload would: a private 0600 file.</summary>
    public void WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Pfx);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
