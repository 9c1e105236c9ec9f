using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Coordinator.Certificates.Tests;

public sealed class RetainedCertificateTests
{
    private const string Password = "Tr0ub4dor&3-horse";

    [Fact]
    public void A_password_protected_export_imports_back_as_the_same_identity()
    {
        var original = TestCertificates.Tentacle;

        var pfx = original.ExportPfx(Password);
        var imported = RetainedCertificate.FromPfx(pfx, Password);

        Assert.Equal(original.Thumbprint, imported.Thumbprint);
        Assert.Equal(original.Subject, imported.Subject);
        Assert.Equal(original.NotBefore, imported.NotBefore);
        Assert.Equal(original.NotAfter, imported.NotAfter);
        Assert.Equal(original, imported);
    }

    [Fact]
    public void The_export_for_operators_cannot_be_opened_without_its_password()
    {
        var pfx = TestCertificates.Tentacle.ExportPfx(Password);

        var error = Assert.Throws<CryptographicException>(() => X509CertificateLoader.LoadPkcs12(pfx, password: null));
        Assert.Contains("password", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void The_upload_form_opens_with_no_password_and_keeps_the_thumbprint(string? noPassword)
    {
        var upload = TestCertificates.Tentacle.ExportForImport();

        using var certificate = X509CertificateLoader.LoadPkcs12(upload, noPassword);
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(TestCertificates.Tentacle.Thumbprint, certificate.Thumbprint);
        Assert.Equal(TestCertificates.Tentacle.Thumbprint, RetainedCertificate.FromPfx(upload, noPassword).Thumbprint);
    }

    [Fact]
    public void The_upload_form_is_a_copy_callers_cannot_change()
    {
        var upload = TestCertificates.Tentacle.ExportForImport();
        Array.Clear(upload);

        Assert.Equal(TestCertificates.Tentacle.Thumbprint, RetainedCertificate.FromPfx(TestCertificates.Tentacle.ExportForImport(), null).Thumbprint);
    }

    [Fact]
    public void Adopts_the_base64_text_Tentacle_export_file_writes_with_its_byte_order_mark()
    {
        var text = "\uFEFF" + Convert.ToBase64String(TestCertificates.Tentacle.ExportForImport());

        var imported = RetainedCertificate.FromPfx(Encoding.UTF8.GetBytes(text), null);

        Assert.Equal(TestCertificates.Tentacle.Thumbprint, imported.Thumbprint);
    }

    [Fact]
    public void Adopting_a_certificate_with_its_chain_keeps_the_one_with_the_private_key()
    {
        using var tentacle = TestCertificates.SelfSignedRsa(subject: "CN=Octopus Tentacle");
        using var issuerWithKey = TestCertificates.SelfSignedRsa(subject: "CN=Some CA");
        using var issuer = X509CertificateLoader.LoadCertificate(issuerWithKey.RawData);
        var pfx = new X509Certificate2Collection { issuer, tentacle }.Export(X509ContentType.Pkcs12, Password)!;

        var imported = RetainedCertificate.FromPfx(pfx, Password);

        Assert.Equal(tentacle.Thumbprint, imported.Thumbprint);
        var kept = X509CertificateLoader.LoadPkcs12Collection(imported.ExportForImport(), null);
        Assert.Equal(tentacle.Thumbprint, Assert.Single(kept).Thumbprint);
        kept[0].Dispose();
    }

    [Fact]
    public void Wrong_password_is_named_without_echoing_the_password()
    {
        var pfx = TestCertificates.Tentacle.ExportPfx(Password);

        var error = Assert.Throws<CertificateException>(() => RetainedCertificate.FromPfx(pfx, "not-" + Password));

        Assert.Equal(CertificateProblem.WrongPassword, error.Problem);
        Assert.Contains("password is wrong", error.Message);
        AssertNoSecretIn(error, Password, "not-" + Password);
    }

    [Fact]
    public void A_protected_pfx_given_no_password_asks_for_it()
    {
        var pfx = TestCertificates.Tentacle.ExportPfx(Password);

        var error = Assert.Throws<CertificateException>(() => RetainedCertificate.FromPfx(pfx, null));

        Assert.Equal(CertificateProblem.WrongPassword, error.Problem);
        Assert.Contains("give its password", error.Message);
    }

    [Fact]
    public void A_pfx_without_the_private_key_is_refused()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(TestCertificates.PublicDer(TestCertificates.Tentacle));
        var pfx = publicOnly.Export(X509ContentType.Pkcs12, Password);

        var error = Assert.Throws<CertificateException>(() => RetainedCertificate.FromPfx(pfx, Password));

        Assert.Equal(CertificateProblem.NoPrivateKey, error.Problem);
        Assert.Equal("The PFX holds no private key; export it with its key.", error.Message);
    }

    [Fact]
    public void A_key_that_is_not_rsa_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = TestCertificates.SelfSigned(key, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        var error = Assert.Throws<CertificateException>(() =>
            RetainedCertificate.FromPfx(certificate.Export(X509ContentType.Pkcs12, Password), Password));

        Assert.Equal(CertificateProblem.NotRsa, error.Problem);
        Assert.Contains(certificate.Thumbprint, error.Message);
        Assert.Contains("Tentacle certificates use RSA", error.Message);
        AssertNoSecretIn(error, Password);
    }

    [Fact]
    public void An_rsa_key_smaller_than_2048_bits_is_refused()
    {
        using var certificate = TestCertificates.SelfSignedRsa(keySize: 1024);

        var error = Assert.Throws<CertificateException>(() =>
            RetainedCertificate.FromPfx(certificate.Export(X509ContentType.Pkcs12, Password), Password));

        Assert.Equal(CertificateProblem.KeyTooSmall, error.Problem);
        Assert.Contains("1024-bit RSA key; at least 2048 bits are required", error.Message);
    }

    [Fact]
    public void Several_certificates_with_private_keys_are_refused_naming_them()
    {
        using var first = TestCertificates.SelfSignedRsa(subject: "CN=first");
        using var second = TestCertificates.SelfSignedRsa(subject: "CN=second");
        var pfx = new X509Certificate2Collection { first, second }.Export(X509ContentType.Pkcs12, Password)!;

        var error = Assert.Throws<CertificateException>(() => RetainedCertificate.FromPfx(pfx, Password));

        Assert.Equal(CertificateProblem.SeveralPrivateKeys, error.Problem);
        Assert.Contains(first.Thumbprint, error.Message);
        Assert.Contains(second.Thumbprint, error.Message);
        Assert.Contains("export only the Tentacle's certificate", error.Message);
    }

    public static TheoryData<string, byte[]> UnreadableFiles()
    {
        var pfx = TestCertificates.Tentacle.ExportPfx(Password);
        var garbage = RandomNumberGenerator.GetBytes(600);
        garbage[0] = 0x30;
        return new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "truncated", pfx[..(pfx.Length / 2)] },
            { "random bytes that start like DER", garbage },
            { "a text file", Encoding.UTF8.GetBytes("hello, this is not a certificate") },
            { "a public certificate alone", TestCertificates.PublicDer(TestCertificates.Tentacle) },
        };
    }

    [Theory]
    [MemberData(nameof(UnreadableFiles))]
    public void An_unreadable_file_says_so(string description, byte[] file)
    {
        var error = Assert.Throws<CertificateException>(() => RetainedCertificate.FromPfx(file, Password));

        Assert.True(error.Problem == CertificateProblem.Unreadable, $"{description}: {error.Problem}");
        Assert.Contains("PFX", error.Message);
        AssertNoSecretIn(error, Password);
    }

    [Fact]
    public void An_expired_certificate_is_adopted_with_a_warning_because_Octopus_ignores_the_dates()
    {
        using var rsa = RSA.Create(2048);
        using var expired = TestCertificates.SelfSigned(rsa, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var adopted = RetainedCertificate.FromPfx(expired.Export(X509ContentType.Pkcs12, Password), Password);

        Assert.Equal(expired.Thumbprint, adopted.Thumbprint);
        var warning = adopted.ValidityWarning(DateTimeOffset.UtcNow);
        Assert.NotNull(warning);
        Assert.Contains("expired on 2001-01-01 00:00:00Z", warning);
    }

    [Fact]
    public void Validity_warnings_cover_both_ends_of_the_window()
    {
        var certificate = TestCertificates.Tentacle;

        Assert.Null(certificate.ValidityWarning(DateTimeOffset.UtcNow));
        Assert.Contains("is not valid until", certificate.ValidityWarning(certificate.NotBefore.AddSeconds(-1)));
        Assert.Contains("check this machine's clock", certificate.ValidityWarning(certificate.NotBefore.AddSeconds(-1)));
        Assert.Contains("expired", certificate.ValidityWarning(certificate.NotAfter.AddSeconds(1)));
    }

    [Fact]
    public void Exporting_for_operators_requires_a_password()
    {
        var error = Assert.Throws<ArgumentException>(() => TestCertificates.Tentacle.ExportPfx(""));
        Assert.Equal("password", error.ParamName);
    }

    [Fact]
    public void ToString_shows_public_facts_and_no_key_material()
    {
        var certificate = TestCertificates.Tentacle;

        var text = certificate.ToString();

        Assert.Contains(certificate.Thumbprint, text);
        Assert.Contains("CN=Octopus Tentacle", text);
        Assert.DoesNotContain(Convert.ToBase64String(certificate.ExportForImport())[..64], text);
        Assert.Empty(SecretScanner.Find(text, certificate));
    }

    private static void AssertNoSecretIn(Exception error, params string[] passwords)
    {
        for (var exception = error; exception is not null; exception = exception.InnerException)
        {
            foreach (var password in passwords)
            {
                Assert.DoesNotContain(password, exception.Message);
            }
        }
    }
}
