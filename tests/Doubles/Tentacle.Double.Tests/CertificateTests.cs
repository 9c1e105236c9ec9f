using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Tentacle.Double.Tests.Support;

namespace Tentacle.Double.Tests;

public sealed class CertificateTests
{
    [Fact]
    public async Task New_certificate_generates_an_RSA_2048_SHA256_Octopus_Tentacle_certificate_valid_for_a_century()
    {
        await using var host = new LabHost();
        await host.MustSucceedAsync("create-instance", "--instance", "Tentacle", "--config", host.ConfigPath("Tentacle"));
        var pfx = Path.Combine(host.Root, "generated.pfx");

        var exported = await host.MustSucceedAsync("new-certificate", "--instance", "Tentacle", "--export-pfx", pfx, "--pfx-password", "pw");

        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(pfx, "pw");
        Assert.Equal([$"A new certificate has been generated and written to {pfx}. Thumbprint:", certificate.Thumbprint], exported.OutputLines);
        Assert.Equal("CN=Octopus Tentacle", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.Equal("sha256RSA", certificate.SignatureAlgorithm.FriendlyName);
        Assert.Equal(2048, certificate.GetRSAPublicKey()!.KeySize);
        Assert.InRange(certificate.NotBefore.ToUniversalTime(), DateTime.UtcNow.AddDays(-1).AddHours(-1), DateTime.UtcNow.AddDays(-1).AddHours(1));
        Assert.Equal(100, certificate.NotAfter.Year - certificate.NotBefore.Year);
        Assert.Equal(string.Empty, await host.ThumbprintAsync());
    }

    [Fact]
    public async Task Without_if_blank_new_certificate_replaces_the_certificate_and_votes_for_a_restart()
    {
        await using var host = new LabHost();
        var first = await host.CreateInstanceWithCertificateAsync();

        var replaced = await host.MustSucceedAsync("new-certificate", "--instance", "Tentacle");

        Assert.Equal("A new certificate has been generated and installed. Thumbprint:", replaced.OutputLines[0]);
        Assert.Equal("These changes require a restart of the Tentacle.", replaced.OutputLines[2]);
        Assert.NotEqual(first, replaced.OutputLines[1]);
        Assert.Equal(replaced.OutputLines[1], await host.ThumbprintAsync());
    }

    [Theory]
    [InlineData("--if-blank")]
    [InlineData("-b")]
    public async Task If_blank_keeps_an_existing_certificate(string ifBlank)
    {
        await using var host = new LabHost();
        var first = await host.CreateInstanceWithCertificateAsync();

        var kept = await host.MustSucceedAsync("new-certificate", "--instance", "Tentacle", ifBlank);

        Assert.Equal("A certificate already exists, no changes will be applied.\n", kept.Output);
        Assert.Equal(first, await host.ThumbprintAsync());
    }

    [Fact]
    public async Task If_blank_generates_when_there_is_no_certificate()
    {
        await using var host = new LabHost();
        await host.MustSucceedAsync("create-instance", "--instance", "Tentacle", "--config", host.ConfigPath("Tentacle"));

        var generated = await host.MustSucceedAsync("new-certificate", "--instance", "Tentacle", "--if-blank");

        Assert.Equal(generated.OutputLines[1], await host.ThumbprintAsync());
    }

    [Fact]
    public async Task Importing_a_PFX_keeps_its_thumbprint()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync();
        var pfx = Path.Combine(host.Root, "web-01.pfx");
        var retained = await host.MustSucceedAsync("new-certificate", "--instance", "Tentacle", "--export-pfx", pfx, "--pfx-password", "S3cret!");
        var thumbprint = retained.OutputLines[1];

        var imported = await host.RunAsync("import-certificate", "--instance", "Tentacle", "--from-file", pfx, "--pfx-password", "S3cret!");

        Assert.Equal(0, imported.ExitCode);
        Assert.Equal(
        [
            $"Importing the certificate stored in PFX file in {pfx} using the provided password...",
            $"Certificate with thumbprint {thumbprint} imported successfully.",
            "These changes require a restart of the Tentacle.",
        ], imported.OutputLines);
        Assert.Equal(thumbprint, await host.ThumbprintAsync());
    }

    [Fact]
    public async Task A_wrong_PFX_password_exits_100_and_says_so_without_echoing_the_password()
    {
        await using var host = new LabHost();
        var original = await host.CreateInstanceWithCertificateAsync();
        var pfx = Path.Combine(host.Root, "web-01.pfx");
        await host.MustSucceedAsync("new-certificate", "--instance", "Tentacle", "--export-pfx", pfx, "--pfx-password", "right-one");

        var imported = await host.RunAsync("import-certificate", "--instance", "Tentacle", "-f", pfx, "--pw", "wrong-one");

        Assert.Equal(100, imported.ExitCode);
        Assert.Contains("cannot be read with the provided password", imported.Error);
        Assert.DoesNotContain("wrong-one", imported.Output + imported.Error);
        Assert.Equal(original, await host.ThumbprintAsync());
    }

    [Fact]
    public async Task Deprecated_export_file_writes_BOM_prefixed_base64_that_imports_with_the_same_thumbprint()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync();
        var file = Path.Combine(host.Root, "tentacle-cert.txt");

        var exported = await host.MustSucceedAsync("new-certificate", "--instance", "Tentacle", "--export-file", file);
        var bytes = await File.ReadAllBytesAsync(file);
        var imported = await host.MustSucceedAsync("import-certificate", "--instance", "Tentacle", "--from-file", file);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        using var unprotected = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(Encoding.ASCII.GetString(bytes[3..])), null);
        Assert.True(unprotected.HasPrivateKey);
        Assert.Equal(exported.OutputLines[1], unprotected.Thumbprint);
        Assert.Equal($"Importing the certificate stored in {file}...", imported.OutputLines[0]);
        Assert.Equal(exported.OutputLines[1], await host.ThumbprintAsync());
    }

    [Fact]
    public async Task From_base64_imports_a_passwordless_PKCS12()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync();
        using var certificate = CreateRsaCertificate();
        var base64 = Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12));

        var imported = await host.MustSucceedAsync("import-certificate", "--instance", "Tentacle", "-b", base64, "--pfx-password", "ignored");

        Assert.Equal("Importing the certificate via base64...", imported.OutputLines[0]);
        Assert.Equal(certificate.Thumbprint, await host.ThumbprintAsync());
    }

    [Fact]
    public async Task Import_needs_exactly_one_existing_source()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync();
        var missing = Path.Combine(host.Root, "missing.pfx");

        var noSource = await host.RunAsync("import-certificate", "--instance", "Tentacle");
        var missingFile = await host.RunAsync("import-certificate", "--instance", "Tentacle", "--from-file", missing);
        var twoSources = await host.RunAsync("import-certificate", "--instance", "Tentacle", "--from-file", missing, "--from-base64", "AAAA");

        Assert.Equal((1, "Please specify the certificate to import.\n"), (noSource.ExitCode, noSource.Error));
        Assert.Equal((1, $"Certificate '{missing}' was not found.\n"), (missingFile.ExitCode, missingFile.Error));
        Assert.Equal(1, twoSources.ExitCode);
    }

    [Fact]
    public async Task A_PFX_without_its_private_key_is_refused()
    {
        await using var host = new LabHost();
        var original = await host.CreateInstanceWithCertificateAsync();
        using var certificate = CreateRsaCertificate();
        var publicOnly = new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(certificate.RawData));
        var pfx = Path.Combine(host.Root, "public-only.pfx");
        await File.WriteAllBytesAsync(pfx, publicOnly.Export(X509ContentType.Pkcs12, "pw")!);

        var imported = await host.RunAsync("import-certificate", "--instance", "Tentacle", "--from-file", pfx, "--pfx-password", "pw");

        Assert.Equal(100, imported.ExitCode);
        Assert.Contains("private key", imported.Error);
        Assert.Equal(original, await host.ThumbprintAsync());
    }

    static X509Certificate2 CreateRsaCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=retained", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var generated = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(generated.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
