using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Coordinator.Certificates.Tests;

public sealed class CertificateVaultTests
{
    private const string Host = "web-01";
    private static readonly CertificateKey Key = CertificateKey.Generate("test key");
    private readonly CertificateVault _vault = new(Key);

    [Fact]
    public void Sealing_then_unsealing_returns_the_same_identity_with_its_key()
    {
        var sealedCertificate = _vault.Seal(Host, TestCertificates.Tentacle);

        var unsealed = _vault.Unseal(Host, sealedCertificate);

        Assert.Equal(TestCertificates.Tentacle.Thumbprint, unsealed.Thumbprint);
        using var certificate = X509CertificateLoader.LoadPkcs12(unsealed.ExportForImport(), null);
        Assert.True(certificate.HasPrivateKey);
    }

    [Fact]
    public void The_sealed_form_keeps_public_facts_for_listing_and_no_usable_secret()
    {
        var certificate = TestCertificates.Tentacle;

        var sealedCertificate = _vault.Seal(Host, certificate);

        Assert.Equal(Host, sealedCertificate.Host);
        Assert.Equal(certificate.Thumbprint, sealedCertificate.Thumbprint);
        Assert.Equal(certificate.Subject, sealedCertificate.Subject);
        Assert.Equal(certificate.NotBefore, sealedCertificate.NotBefore);
        Assert.Equal(certificate.NotAfter, sealedCertificate.NotAfter);
        Assert.Empty(SecretScanner.Find(sealedCertificate.Blob, certificate));
        Assert.Empty(SecretScanner.Find(Convert.FromBase64String(sealedCertificate.Blob), certificate));
    }

    [Fact]
    public void The_blob_starts_with_a_versioned_header_naming_the_key()
    {
        var blob = Convert.FromBase64String(_vault.Seal(Host, TestCertificates.Tentacle).Blob);

        Assert.Equal("CCRT", Encoding.ASCII.GetString(blob, 0, 4));
        Assert.Equal(1, blob[4]);
        Assert.Equal(Key.Id, Convert.ToHexStringLower(blob, 5, 8));
    }

    [Fact]
    public void Every_seal_uses_a_fresh_nonce()
    {
        var first = _vault.Seal(Host, TestCertificates.Tentacle);
        var second = _vault.Seal(Host, TestCertificates.Tentacle);

        Assert.NotEqual(first.Blob, second.Blob);
        Assert.NotEqual(Convert.FromBase64String(first.Blob).AsSpan(13, 12).ToArray(), Convert.FromBase64String(second.Blob).AsSpan(13, 12).ToArray());
    }

    [Theory]
    [InlineData("nonce", 13)]
    [InlineData("tag", 13 + 12)]
    [InlineData("ciphertext", 13 + 12 + 16 + 100)]
    [InlineData("last byte", -1)]
    public void A_tampered_blob_fails_naming_the_host(string part, int offset)
    {
        var sealedCertificate = _vault.Seal(Host, TestCertificates.Tentacle);
        var blob = Convert.FromBase64String(sealedCertificate.Blob);
        blob[offset < 0 ? blob.Length + offset : offset] ^= 0x01;

        var error = Assert.Throws<CertificateException>(() =>
            _vault.Unseal(Host, sealedCertificate with { Blob = Convert.ToBase64String(blob) }));

        Assert.True(error.Problem == CertificateProblem.Tampered, $"{part}: {error.Problem}");
        Assert.Contains($"sealed certificate of {Host} cannot be opened", error.Message);
        Assert.Contains("integrity check failed", error.Message);
    }

    [Fact]
    public void A_blob_sealed_with_another_key_says_the_key_changed()
    {
        var otherKey = CertificateKey.Generate("environment variable COORD_CERTIFICATE_KEY");
        var sealedCertificate = new CertificateVault(otherKey).Seal(Host, TestCertificates.Tentacle);

        var error = Assert.Throws<CertificateException>(() => _vault.Unseal(Host, sealedCertificate));

        Assert.Equal(CertificateProblem.WrongKey, error.Problem);
        Assert.Contains(Host, error.Message);
        Assert.Contains(otherKey.Id, error.Message);
        Assert.Contains(Key.Id, error.Message);
        Assert.Contains("The certificate key changed", error.Message);
    }

    [Fact]
    public void A_blob_offered_for_another_host_is_refused()
    {
        var sealedForWeb01 = _vault.Seal(Host, TestCertificates.Tentacle);

        var error = Assert.Throws<CertificateException>(() => _vault.Unseal("web-02", sealedForWeb01));

        Assert.Equal(CertificateProblem.WrongHost, error.Problem);
        Assert.Contains("offered for web-02 belongs to web-01", error.Message);
    }

    [Fact]
    public void A_blob_relabelled_for_another_host_fails_its_integrity_check()
    {
        var relabelled = _vault.Seal(Host, TestCertificates.Tentacle) with { Host = "web-02" };

        var error = Assert.Throws<CertificateException>(() => _vault.Unseal("web-02", relabelled));

        Assert.Equal(CertificateProblem.Tampered, error.Problem);
        Assert.Contains("web-02", error.Message);
        Assert.Contains("sealed for another host", error.Message);
    }

    [Fact]
    public void A_recorded_thumbprint_that_was_edited_fails_its_integrity_check()
    {
        var edited = _vault.Seal(Host, TestCertificates.Tentacle) with { Thumbprint = TestCertificates.OtherTentacle.Thumbprint };

        var error = Assert.Throws<CertificateException>(() => _vault.Unseal(Host, edited));

        Assert.Equal(CertificateProblem.Tampered, error.Problem);
    }

    [Fact]
    public void A_blob_of_an_unknown_format_version_is_not_guessed_at()
    {
        var sealedCertificate = _vault.Seal(Host, TestCertificates.Tentacle);
        var blob = Convert.FromBase64String(sealedCertificate.Blob);
        blob[4] = 2;

        var error = Assert.Throws<CertificateException>(() =>
            _vault.Unseal(Host, sealedCertificate with { Blob = Convert.ToBase64String(blob) }));

        Assert.Equal(CertificateProblem.UnsupportedFormat, error.Problem);
        Assert.Contains("format version 2", error.Message);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("Q0NSVA==")]
    [InlineData("")]
    public void A_damaged_blob_fails_naming_the_host(string blob)
    {
        var sealedCertificate = _vault.Seal(Host, TestCertificates.Tentacle) with { Blob = blob };

        var error = Assert.Throws<CertificateException>(() => _vault.Unseal(Host, sealedCertificate));

        Assert.Equal(CertificateProblem.Tampered, error.Problem);
        Assert.Contains(Host, error.Message);
    }

    [Fact]
    public void ToString_of_the_sealed_form_and_the_key_shows_no_key_material()
    {
        var keyText = Convert.ToBase64String(Enumerable.Range(1, 32).Select(value => (byte)value).ToArray());
        var key = CertificateKey.FromBase64(keyText, "environment variable COORD_CERTIFICATE_KEY");
        var sealedCertificate = new CertificateVault(key).Seal(Host, TestCertificates.Tentacle);

        Assert.DoesNotContain(keyText, key.ToString());
        Assert.Contains(key.Id, key.ToString());
        Assert.DoesNotContain(sealedCertificate.Blob, sealedCertificate.ToString());
        Assert.Contains(TestCertificates.Tentacle.Thumbprint, sealedCertificate.ToString());
    }
}
