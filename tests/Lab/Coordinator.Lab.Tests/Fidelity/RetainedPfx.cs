using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Coordinator.Lab.Tests.Fidelity;

/// <summary>
/// A Tentacle identity the way the coordinator keeps one: a PFX it generated (as Tentacle does: CN=Octopus
/// Tentacle, RSA 2048, SHA-256, self-signed) and a password, imported on every install of the machine.
/// </summary>
internal sealed class RetainedPfx : IDisposable
{
    private readonly DirectoryInfo _directory;

    private RetainedPfx(DirectoryInfo directory, string password, string thumbprint)
    {
        _directory = directory;
        Password = password;
        Thumbprint = thumbprint;
    }

    public string Path => System.IO.Path.Combine(_directory.FullName, "tentacle.pfx");

    public string Password { get; }

    /// <summary>Upper-case hex SHA-1, as Tentacle and Octopus show it.</summary>
    public string Thumbprint { get; }

    public static RetainedPfx Generate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Octopus Tentacle", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var pfx = new RetainedPfx(Directory.CreateTempSubdirectory("lab-pfx-"), password, certificate.Thumbprint);
        File.WriteAllBytes(pfx.Path, certificate.Export(X509ContentType.Pkcs12, password));
        return pfx;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
