using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace Coordinator.Certificates;

/// <summary>
/// Tells whether a log line, journal row, host file or command line gives away a retained certificate's secrets:
/// the PKCS#12 the coordinator holds (base64, hex or raw), the RSA private key in any encoding that contains its
/// private integers (PEM or base64 of PKCS#1/PKCS#8, JSON or XML dumps of the parameters, hex), any PEM private-key
/// block, or one of the given passwords. Line breaks and JSON escaping are seen through, and a fragment of a few
/// dozen bytes is enough to count. A PFX encrypted under a password is only caught through that password.
/// Findings name what leaked, never the secret itself.
/// </summary>
public static partial class SecretScanner
{
    // The PKCS#12 shares up to ~90 bytes of ASN.1 structure with every other PKCS#12 .NET writes, so its windows are
    // long enough to always include salt or ciphertext. The RSA integers are random throughout.
    private const int Pkcs12WindowBytes = 150;
    private const int PrivateIntegerWindowBytes = 30;

    private static readonly string[] PemPrivateKeyLabels =
        ["-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN ENCRYPTED PRIVATE KEY-----"];

    public static bool Contains(string text, RetainedCertificate certificate, params string[] passwords) =>
        Find(text, certificate, passwords).Count > 0;

    public static bool Contains(byte[] content, RetainedCertificate certificate, params string[] passwords) =>
        Find(content, certificate, passwords).Count > 0;

    /// <summary>What <paramref name="text"/> gives away, e.g. "the private key (D) in base64"; empty when it is clean.</summary>
    public static IReadOnlyList<string> Find(string text, RetainedCertificate certificate, params string[] passwords)
    {
        var findings = new List<string>();
        var unescaped = JsonUnescape(text);
        var compact = WhitespaceOrEscapedBreak().Replace(unescaped, "");
        var compactHex = compact.Replace(":", "").ToLowerInvariant();
        foreach (var secret in Secrets(certificate))
        {
            if (Base64Forms(secret.Bytes).Any(form => ContainsAnyWindow(compact, form, secret.WindowBytes / 3 * 4)))
            {
                findings.Add($"{secret.Name} in base64");
            }

            if (ContainsAnyWindow(compactHex, Convert.ToHexStringLower(secret.Bytes), secret.WindowBytes * 2))
            {
                findings.Add($"{secret.Name} in hex");
            }
        }

        if (PemPrivateKeyLabels.Any(label => compact.Contains(label.Replace(" ", ""), StringComparison.Ordinal)))
        {
            findings.Add("a PEM private-key block");
        }

        for (var index = 0; index < passwords.Length; index++)
        {
            var password = passwords[index];
            if (password.Length > 0 && (text.Contains(password, StringComparison.Ordinal) || unescaped.Contains(password, StringComparison.Ordinal)))
            {
                findings.Add($"password #{index + 1}");
            }
        }

        return findings;
    }

    /// <summary>As <see cref="Find(string, RetainedCertificate, string[])"/>, for files that may be binary.</summary>
    public static IReadOnlyList<string> Find(byte[] content, RetainedCertificate certificate, params string[] passwords)
    {
        var findings = Secrets(certificate)
            .Where(secret => ContainsAnyWindow(content, secret.Bytes, secret.WindowBytes))
            .Select(secret => $"{secret.Name} as raw bytes")
            .ToList();
        findings.AddRange(Find(Encoding.UTF8.GetString(content), certificate, passwords));
        return findings;
    }

    private sealed record Secret(string Name, byte[] Bytes, int WindowBytes);

    private static List<Secret> Secrets(RetainedCertificate certificate)
    {
        using var x509 = certificate.ToX509Certificate2();
        using var rsa = x509.GetRSAPrivateKey()!;
        var key = rsa.ExportParameters(includePrivateParameters: true);
        return
        [
            new Secret("the host's PKCS#12", certificate.ExportForImport(), Pkcs12WindowBytes),
            PrivateInteger("D", key.D!),
            PrivateInteger("P", key.P!),
            PrivateInteger("Q", key.Q!),
            PrivateInteger("DP", key.DP!),
            PrivateInteger("DQ", key.DQ!),
            PrivateInteger("InverseQ", key.InverseQ!),
        ];
    }

    // Encodings such as DER drop leading zero bytes of an integer, so only the significant bytes are searched.
    private static Secret PrivateInteger(string name, byte[] value) =>
        new($"the private key ({name})", value.AsSpan().TrimStart((byte)0).ToArray(), PrivateIntegerWindowBytes);

    /// <summary>
    /// Base64 and base64url of the secret at each of the three byte alignments it can have inside a larger encoded
    /// buffer, without the last four characters, which depend on the bytes that follow.
    /// </summary>
    private static IEnumerable<string> Base64Forms(byte[] secret)
    {
        for (var offset = 0; offset < 3; offset++)
        {
            var encoded = Convert.ToBase64String(secret, offset, secret.Length - offset)[..^4];
            yield return encoded;
            yield return encoded.Replace('+', '-').Replace('/', '_');
        }
    }

    /// <summary>Overlapping windows, half a window apart, so any leaked run of 1.5 windows is caught.</summary>
    private static bool ContainsAnyWindow(string haystack, string secret, int window) =>
        WindowStarts(secret.Length, window).Any(start =>
            haystack.Contains(secret.AsSpan(start, Math.Min(window, secret.Length)), StringComparison.Ordinal));

    private static bool ContainsAnyWindow(byte[] haystack, byte[] secret, int window) =>
        WindowStarts(secret.Length, window).Any(start =>
            haystack.AsSpan().IndexOf(secret.AsSpan(start, Math.Min(window, secret.Length))) >= 0);

    private static IEnumerable<int> WindowStarts(int length, int window)
    {
        if (length <= window)
        {
            yield return 0;
            yield break;
        }

        for (var start = 0; start + window < length; start += window / 2)
        {
            yield return start;
        }

        yield return length - window;
    }

    private static string JsonUnescape(string text) =>
        JsonUnicodeEscape().Replace(text, match => ((char)Convert.ToInt32(match.Groups[1].Value, 16)).ToString())
            .Replace("\\/", "/");

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})")]
    private static partial Regex JsonUnicodeEscape();

    [GeneratedRegex(@"\s|\\[rnt]")]
    private static partial Regex WhitespaceOrEscapedBreak();
}
