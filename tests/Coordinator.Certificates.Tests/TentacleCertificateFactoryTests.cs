using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Coordinator.Certificates.Tests;

public sealed class TentacleCertificateFactoryTests
{
    private const string Sha256WithRsa = "1.2.840.113549.1.1.11";

    [Fact]
    public void Generates_the_certificate_Tentacle_itself_would()
    {
        using var certificate = TestCertificates.Tentacle.ToX509Certificate2();

        Assert.Equal("CN=Octopus Tentacle", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.Equal(Sha256WithRsa, certificate.SignatureAlgorithm.Value);
        using var key = certificate.GetRSAPublicKey();
        Assert.NotNull(key);
        Assert.Equal(2048, key.KeySize);
        Assert.Equal("CN=Octopus Tentacle", TestCertificates.Tentacle.Subject);
    }

    [Fact]
    public void Is_valid_from_yesterday_for_a_hundred_years()
    {
        var now = new DateTimeOffset(2025, 3, 14, 15, 9, 26, 535, TimeSpan.FromHours(2));

        var certificate = TentacleCertificateFactory.Create(now);

        var yesterday = new DateTimeOffset(2025, 3, 13, 13, 9, 26, TimeSpan.Zero);
        Assert.Equal(yesterday, certificate.NotBefore);
        Assert.Equal(yesterday.AddYears(100), certificate.NotAfter);
        Assert.Null(certificate.ValidityWarning(now));
    }

    [Fact]
    public void Is_self_signed_with_a_signature_that_verifies()
    {
        using var certificate = TestCertificates.Tentacle.ToX509Certificate2();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation)));
        Assert.Single(chain.ChainElements);
    }

    [Fact]
    public void Thumbprint_is_the_upper_case_hex_sha1_Octopus_compares_exactly()
    {
        var retained = TestCertificates.Tentacle;
        using var certificate = retained.ToX509Certificate2();

        Assert.Matches(new Regex("^[0-9A-F]{40}$"), retained.Thumbprint);
        Assert.Equal(Convert.ToHexString(SHA1.HashData(certificate.RawData)), retained.Thumbprint);
    }

    [Fact]
    public void Private_key_is_present_and_exportable()
    {
        using var certificate = X509CertificateLoader.LoadPkcs12(
            TestCertificates.Tentacle.ExportForImport(), password: null, X509KeyStorageFlags.Exportable);

        Assert.True(certificate.HasPrivateKey);
        using var key = certificate.GetRSAPrivateKey();
        Assert.NotNull(key);
        Assert.NotEmpty(key.ExportPkcs8PrivateKey());
    }

    [Fact]
    public void Every_certificate_is_a_new_identity()
    {
        Assert.NotEqual(TestCertificates.Tentacle.Thumbprint, TestCertificates.OtherTentacle.Thumbprint);
        Assert.NotEqual(TestCertificates.Tentacle, TestCertificates.OtherTentacle);
    }
}
