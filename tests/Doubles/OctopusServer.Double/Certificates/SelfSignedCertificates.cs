using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OctopusServer.Double.Certificates;

internal static class SelfSignedCertificates
{
    /// <summary>The server's identity towards Tentacles: presented as the TLS client certificate in health checks.</summary>
    public static X509Certificate2 CreateServerIdentity() => Create("CN=Octopus Portal", withLoopbackNames: false);

    /// <summary>The certificate the HTTPS listener serves on 127.0.0.1.</summary>
    public static X509Certificate2 CreateHttps() => Create("CN=localhost", withLoopbackNames: true);

    private static X509Certificate2 Create(string subject, bool withLoopbackNames)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        if (withLoopbackNames)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));

        // A round trip through PKCS#12 gives a key that every platform's TLS stack can use.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}
