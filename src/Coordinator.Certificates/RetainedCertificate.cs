using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Coordinator.Certificates;

/// <summary>
/// One host's Tentacle identity: the certificate and its private key, held only in memory as an unprotected
/// PKCS#12. Persist it only through <see cref="CertificateVault"/>; nothing here is serializable key material, and
/// <see cref="ToString"/> shows public facts only.
/// </summary>
public sealed record RetainedCertificate
{
    private const int MinimumRsaKeySize = 2048;

    // HRESULT_FROM_WIN32(ERROR_INVALID_PASSWORD): what .NET reports on every platform when the PKCS#12 MAC fails.
    private const int ErrorInvalidPassword = unchecked((int)0x80070056);

    // Windows would otherwise persist imported keys in the user profile; macOS does not support ephemeral keys.
    private static readonly X509KeyStorageFlags LoadFlags = OperatingSystem.IsMacOS()
        ? X509KeyStorageFlags.Exportable
        : X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet;

    private readonly byte[] _pkcs12;

    private RetainedCertificate(X509Certificate2 certificate, byte[] pkcs12)
    {
        Thumbprint = TentacleThumbprint.Of(certificate);
        Subject = certificate.Subject;
        NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        _pkcs12 = pkcs12;
    }

    /// <summary>Upper-case hex SHA-1, the form Octopus and Tentacle compare case-sensitively.</summary>
    public string Thumbprint { get; }

    public string Subject { get; }
    public DateTimeOffset NotBefore { get; }
    public DateTimeOffset NotAfter { get; }

    /// <summary>
    /// Adopts the certificate of an existing machine (<c>coord certs import</c>). Accepts a binary PFX or the base64
    /// text Tentacle's <c>--export-file</c> writes. Expiry is not an error: see <see cref="ValidityWarning"/>.
    /// </summary>
    /// <exception cref="CertificateException">The PFX cannot be used as a Tentacle identity; the message says why.</exception>
    public static RetainedCertificate FromPfx(byte[] pfx, string? password)
    {
        ArgumentNullException.ThrowIfNull(pfx);
        var certificates = LoadAll(Pkcs12Bytes(pfx), password);
        try
        {
            var withKey = certificates.Where(certificate => certificate.HasPrivateKey).ToList();
            return withKey.Count switch
            {
                1 => FromCertificate(withKey[0]),
                0 => throw new CertificateException(CertificateProblem.NoPrivateKey,
                    "The PFX holds no private key; export it with its key."),
                _ => throw new CertificateException(CertificateProblem.SeveralPrivateKeys,
                    $"The PFX holds {withKey.Count} certificates with private keys " +
                    $"({string.Join(", ", withKey.Select(TentacleThumbprint.Of))}); export only the Tentacle's certificate."),
            };
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    /// <summary>The form kept in memory and sealed at rest; also what <see cref="ExportForImport"/> hands out.</summary>
    internal static RetainedCertificate FromUnprotectedPkcs12(byte[] pkcs12)
    {
        var certificates = LoadAll(pkcs12, password: null);
        try
        {
            return FromCertificate(certificates.Single(certificate => certificate.HasPrivateKey));
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    internal static RetainedCertificate FromCertificate(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            var algorithm = certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value;
            throw new CertificateException(CertificateProblem.NotRsa,
                $"Certificate {TentacleThumbprint.Of(certificate)} has a {algorithm} key; Tentacle certificates use RSA.");
        }

        if (rsa.KeySize < MinimumRsaKeySize)
        {
            throw new CertificateException(CertificateProblem.KeyTooSmall,
                $"Certificate {TentacleThumbprint.Of(certificate)} has a {rsa.KeySize}-bit RSA key; " +
                $"at least {MinimumRsaKeySize} bits are required.");
        }

        // Exporting with no password keeps only this certificate and its key (a chain in the source PFX is dropped).
        return new RetainedCertificate(certificate, certificate.Export(X509ContentType.Pkcs12));
    }

    /// <summary>
    /// A password-protected PFX for operators (<c>coord certs export</c>), encrypted with AES-256 and SHA-256
    /// (PBES2). Windows Server 2016 and older cannot read that; OpenSSL 1.1+ and current Windows can.
    /// </summary>
    public byte[] ExportPfx(string password)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw new ArgumentException(
                "An exported PFX needs a password; the unprotected form is only for the upload to a host.", nameof(password));
        }

        using var certificate = ToX509Certificate2();
        return certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
    }

    /// <summary>
    /// An unprotected PKCS#12 for the one-time upload to a private (0600) temp file on the host, imported with
    /// <c>Tentacle import-certificate --from-file</c> and no <c>--pfx-password</c>, so no password ever reaches a
    /// command line. Encrypted with the empty password in 3DES, which every Tentacle (Windows or Linux) reads.
    /// </summary>
    public byte[] ExportForImport() => (byte[])_pkcs12.Clone();

    /// <summary>The certificate with its private key, e.g. to serve TLS or to compare with a host. Dispose it.</summary>
    public X509Certificate2 ToX509Certificate2() => X509CertificateLoader.LoadPkcs12(_pkcs12, password: null, LoadFlags);

    /// <summary>
    /// Null when the certificate is within its validity window at <paramref name="now"/>; otherwise a sentence to
    /// show the operator. An expired or not-yet-valid certificate is a warning, never an error: Octopus and Tentacle
    /// trust each other by pinned thumbprint and ignore the dates, so replacing the certificate would break the
    /// machine, while keeping it keeps it working.
    /// </summary>
    public string? ValidityWarning(DateTimeOffset now)
    {
        if (now > NotAfter)
        {
            return $"Certificate {Thumbprint} expired on {NotAfter:yyyy-MM-dd HH:mm:ss}Z. Octopus pins the thumbprint and ignores " +
                "the expiry, so it keeps working; replacing it means a new thumbprint and updating the machine in Octopus.";
        }

        if (now < NotBefore)
        {
            return $"Certificate {Thumbprint} is not valid until {NotBefore:yyyy-MM-dd HH:mm:ss}Z; check this machine's clock. " +
                "Octopus pins the thumbprint and ignores the dates, so it can still be used.";
        }

        return null;
    }

    /// <summary>Two instances are the same identity when they hold the same certificate, whatever PKCS#12 encoding.</summary>
    public bool Equals(RetainedCertificate? other) => other is not null && Thumbprint == other.Thumbprint;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Thumbprint);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Thumbprint = {Thumbprint}, Subject = {Subject}, NotBefore = {NotBefore:O}, NotAfter = {NotAfter:O}");
        return true;
    }

    private static X509Certificate2Collection LoadAll(byte[] pkcs12, string? password)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12Collection(pkcs12, password, LoadFlags);
        }
        catch (CryptographicException exception) when (exception.HResult == ErrorInvalidPassword)
        {
            throw new CertificateException(CertificateProblem.WrongPassword, string.IsNullOrEmpty(password)
                ? "The PFX is protected by a password; give its password."
                : "The PFX cannot be opened with the password given: the password is wrong (or the file has no password; try without one).");
        }
        catch (CryptographicException exception)
        {
            throw new CertificateException(CertificateProblem.Unreadable,
                "The file is not a readable PFX (PKCS#12): it is damaged, truncated or in another format.", exception);
        }
    }

    /// <summary>
    /// The binary PKCS#12 (it starts with an ASN.1 SEQUENCE) as is; otherwise base64 text, optionally after the
    /// UTF-8 byte-order mark Tentacle's <c>--export-file</c> writes.
    /// </summary>
    private static byte[] Pkcs12Bytes(byte[] pfx)
    {
        const byte asn1Sequence = 0x30;
        if (pfx.Length == 0)
        {
            throw new CertificateException(CertificateProblem.Unreadable, "The PFX file is empty.");
        }

        if (pfx[0] == asn1Sequence)
        {
            return pfx;
        }

        try
        {
            return Convert.FromBase64String(new UTF8Encoding(false, true).GetString(pfx).TrimStart('\uFEFF'));
        }
        catch (Exception exception) when (exception is FormatException or DecoderFallbackException)
        {
            throw new CertificateException(CertificateProblem.Unreadable,
                "The file is neither a PFX (PKCS#12) nor base64 text of one.", exception);
        }
    }
}
