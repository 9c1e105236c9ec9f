using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Coordinator.Certificates.Tests;

public sealed class SecretScannerTests
{
    private static readonly RetainedCertificate Certificate = TestCertificates.Tentacle;

    [Fact]
    public void Finds_nothing_in_clean_text_even_with_the_public_certificate_in_it()
    {
        using var x509 = Certificate.ToX509Certificate2();
        var text =
            $"Imported certificate {Certificate.Thumbprint} ({Certificate.Subject}) on web-01 valid until {Certificate.NotAfter:O}\n" +
            x509.ExportCertificatePem() + "\n" +
            Convert.ToBase64String(x509.RawData) + "\n" +
            Convert.ToHexString(x509.GetPublicKey()) + "\n" +
            "Tentacle import-certificate --instance Tentacle --from-file /tmp/coord-7f3a.pfx";

        Assert.Empty(SecretScanner.Find(text, Certificate, "S3cret!"));
        Assert.False(SecretScanner.Contains(text, Certificate));
    }

    [Fact]
    public void Another_hosts_pkcs12_is_not_mistaken_for_this_ones()
    {
        var text = Convert.ToBase64String(TestCertificates.OtherTentacle.ExportForImport());

        Assert.Empty(SecretScanner.Find(text, Certificate));
        Assert.NotEmpty(SecretScanner.Find(text, TestCertificates.OtherTentacle));
    }

    [Fact]
    public void Finds_the_pkcs12_in_base64_even_wrapped_or_json_escaped()
    {
        var base64 = Convert.ToBase64String(Certificate.ExportForImport());
        var wrapped = string.Join("\r\n", base64.Chunk(76).Select(chunk => new string(chunk)));
        var json = JsonSerializer.Serialize(new { pfx = base64 });

        Assert.Contains("the host's PKCS#12 in base64", SecretScanner.Find($"upload {base64} done", Certificate));
        Assert.Contains("the host's PKCS#12 in base64", SecretScanner.Find(wrapped, Certificate));
        Assert.Contains("\\u002B", json);
        Assert.Contains("the host's PKCS#12 in base64", SecretScanner.Find(json, Certificate));
    }

    [Fact]
    public void Finds_a_truncated_fragment_of_the_pkcs12()
    {
        var base64 = Convert.ToBase64String(Certificate.ExportForImport());

        Assert.True(SecretScanner.Contains("...[truncated]" + base64.Substring(1000, 400) + "...", Certificate));
    }

    [Fact]
    public void Finds_the_private_key_as_pem_in_every_usual_form()
    {
        using var x509 = Certificate.ToX509Certificate2();
        using var key = x509.GetRSAPrivateKey()!;

        var pkcs8 = SecretScanner.Find(key.ExportPkcs8PrivateKeyPem(), Certificate);
        var pkcs1 = SecretScanner.Find(key.ExportRSAPrivateKeyPem(), Certificate);

        Assert.Contains("a PEM private-key block", pkcs8);
        Assert.Contains("the private key (D) in base64", pkcs8);
        Assert.Contains("the private key (P) in base64", pkcs1);
    }

    [Fact]
    public void Finds_the_private_key_body_without_its_pem_labels()
    {
        using var x509 = Certificate.ToX509Certificate2();
        using var key = x509.GetRSAPrivateKey()!;
        var body = Convert.ToBase64String(key.ExportPkcs8PrivateKey());

        Assert.Contains("the private key (D) in base64", SecretScanner.Find($"\"key\": \"{body}\"", Certificate));
    }

    [Fact]
    public void Finds_the_private_key_dumped_as_xml_or_hex()
    {
        using var x509 = Certificate.ToX509Certificate2();
        using var key = x509.GetRSAPrivateKey()!;
        var parameters = key.ExportParameters(includePrivateParameters: true);

        Assert.True(SecretScanner.Contains(key.ToXmlString(includePrivateParameters: true), Certificate));
        Assert.Contains("the private key (Q) in hex", SecretScanner.Find(Convert.ToHexString(parameters.Q!), Certificate));
    }

    [Fact]
    public void Any_pem_private_key_block_is_flagged()
    {
        using var unrelated = RSA.Create(2048);
        var encrypted = unrelated.ExportEncryptedPkcs8PrivateKeyPem("pw"u8,
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000));

        Assert.Equal(["a PEM private-key block"], SecretScanner.Find(encrypted, Certificate));
    }

    [Fact]
    public void Finds_a_password_plain_or_json_escaped_and_says_which()
    {
        const string password = "p+ss<word>&1";
        var json = JsonSerializer.Serialize(new { command = $"import --pfx-password {password}" });

        Assert.Equal(["password #2"], SecretScanner.Find($"--pfx-password '{password}'", Certificate, "other", password));
        Assert.DoesNotContain(password, json);
        Assert.Equal(["password #1"], SecretScanner.Find(json, Certificate, password));
    }

    [Fact]
    public void Findings_never_repeat_the_secret()
    {
        const string password = "Correct-Horse-Battery";
        var base64 = Convert.ToBase64String(Certificate.ExportForImport());

        var findings = string.Join("\n", SecretScanner.Find($"{base64} {password}", Certificate, password));

        Assert.DoesNotContain(password, findings);
        Assert.DoesNotContain(base64[..40], findings);
    }

    [Fact]
    public void Finds_secrets_in_binary_files()
    {
        using var x509 = Certificate.ToX509Certificate2();
        using var key = x509.GetRSAPrivateKey()!;

        Assert.Contains("the host's PKCS#12 as raw bytes", SecretScanner.Find(Certificate.ExportForImport(), Certificate));
        Assert.Contains("the private key (D) as raw bytes", SecretScanner.Find(key.ExportRSAPrivateKey(), Certificate));
        Assert.True(SecretScanner.Contains(Encoding.UTF8.GetBytes("x=" + Convert.ToBase64String(key.ExportPkcs8PrivateKey())), Certificate));
        Assert.Empty(SecretScanner.Find(x509.RawData, Certificate));
        Assert.Empty(SecretScanner.Find(TestCertificates.OtherTentacle.ExportForImport(), Certificate));
    }

    [Fact]
    public void A_password_protected_export_is_caught_through_its_password()
    {
        const string password = "operator-chosen";
        var pfx = Convert.ToBase64String(Certificate.ExportPfx(password));

        Assert.Empty(SecretScanner.Find(pfx, Certificate));
        Assert.Equal(["password #1"], SecretScanner.Find($"{pfx} {password}", Certificate, password));
    }
}
