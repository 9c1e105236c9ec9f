namespace Coordinator.Certificates;

/// <summary>What went wrong with a certificate, a PFX, the certificate key or a sealed blob.</summary>
public enum CertificateProblem
{
    /// <summary>The PFX is damaged, truncated, empty or not a PFX at all.</summary>
    Unreadable,
    WrongPassword,
    NoPrivateKey,
    /// <summary>More than one certificate in the PFX carries a private key, so which one is the Tentacle's is unclear.</summary>
    SeveralPrivateKeys,
    NotRsa,
    KeyTooSmall,
    /// <summary>COORD_CERTIFICATE_KEY or the key file does not hold base64 of exactly 32 bytes.</summary>
    InvalidKey,
    /// <summary>The key file can be read or written by users other than its owner.</summary>
    KeyFileExposed,
    /// <summary>The blob was sealed with another certificate key than the current one.</summary>
    WrongKey,
    /// <summary>The blob was sealed for another host.</summary>
    WrongHost,
    /// <summary>The blob failed its integrity check or its header is damaged.</summary>
    Tampered,
    UnsupportedFormat,
}

/// <summary>
/// A certificate operation failed for a reason the operator can act on. The message says what to do and never
/// contains a password, a key or certificate bytes.
/// </summary>
public sealed class CertificateException(CertificateProblem problem, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public CertificateProblem Problem { get; } = problem;
}
