using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Tentacle.Double.Certificates;

namespace Tentacle.Double.Configuration;

/// <summary>How a trusted Octopus Server talks to this Tentacle (Tentacle's CommunicationStyle numbers).</summary>
internal enum CommunicationStyle
{
    TentaclePassive = 1,
    TentacleActive = 2,
}

internal sealed record TrustedServer(string Thumbprint, CommunicationStyle CommunicationStyle);

/// <summary>The certificate an instance holds, or why it has none usable on this machine.</summary>
internal sealed record StoredCertificate(X509Certificate2? Certificate, string? WhyUnavailable)
{
    public static readonly StoredCertificate None = new(null, null);
}

/// <summary>Typed access to the settings of one Tentacle instance.</summary>
internal sealed class TentacleSettings(SettingsFile file, MachineKey machineKey)
{
    public const int DefaultPort = 10933;

    const string HomeKey = "Octopus.Home";
    const string ApplicationDirectoryKey = "Tentacle.Deployment.ApplicationDirectory";
    const string PortKey = "Tentacle.Services.PortNumber";
    const string ListenIpKey = "Tentacle.Services.ListenIP";
    const string NoListenKey = "Tentacle.Services.NoListen";
    const string TrustedServersKey = "Tentacle.Communication.TrustedOctopusServers";
    const string ThumbprintKey = "Tentacle.CertificateThumbprint";
    const string CertificateKey = "Tentacle.Certificate";

    public string? HomeDirectory
    {
        get => file.Get(HomeKey);
        set => file.Set(HomeKey, value);
    }

    public string? ApplicationDirectory
    {
        get => file.Get(ApplicationDirectoryKey);
        set => file.Set(ApplicationDirectoryKey, value);
    }

    public int Port
    {
        get => int.TryParse(file.Get(PortKey), CultureInfo.InvariantCulture, out var port) ? port : DefaultPort;
        set => file.Set(PortKey, value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Null means all interfaces.</summary>
    public string? ListenIpAddress
    {
        get => file.Get(ListenIpKey) is { Length: > 0 } ip ? ip : null;
        set => file.Set(ListenIpKey, value);
    }

    public bool NoListen
    {
        get => bool.TryParse(file.Get(NoListenKey), out var noListen) && noListen;
        set => file.Set(NoListenKey, value ? "True" : "False");
    }

    public IReadOnlyList<TrustedServer> TrustedServers
    {
        get => file.Get(TrustedServersKey) is { Length: > 0 } json
            ? JsonSerializer.Deserialize<List<TrustedServer>>(json) ?? []
            : [];
        set => file.Set(TrustedServersKey, JsonSerializer.Serialize(value));
    }

    public StoredCertificate ReadCertificate()
    {
        if (file.Get(CertificateKey) is not { Length: > 0 } protectedCertificate)
            return StoredCertificate.None;
        var pkcs12 = machineKey.TryUnprotect(protectedCertificate);
        return pkcs12 is null
            ? new StoredCertificate(null,
                "The Tentacle certificate in this configuration was encrypted with another machine's key and cannot be read on this machine. " +
                "Import the certificate again with import-certificate.")
            : new StoredCertificate(Pkcs12.LoadUnprotected(pkcs12), null);
    }

    public void InstallCertificate(X509Certificate2 certificate)
    {
        file.Set(ThumbprintKey, certificate.Thumbprint);
        file.Set(CertificateKey, machineKey.Protect(Pkcs12.ExportUnprotected(certificate)));
    }

    public void Save() => file.Save();
}
