using System.Text;
using System.Text.RegularExpressions;
using Coordinator.Certificates;

namespace Coordinator.IntegrationTests.Harness;

/// <summary>
/// Looks everywhere a secret could have leaked to — the host's data directory (journal, logs), its console output,
/// coord's output, and every file on the lab hosts — for the API key and for any retained certificate's PKCS#12 or
/// private key. The certificates are found the way an attacker with the data directory would: sealed in the journal,
/// opened with the key file beside it.
/// </summary>
internal static partial class SecretSweep
{
    // Larger files on the hosts are the Tentacle double's binaries; what could leak is configuration, logs and uploads.
    private const long LargestFileScanned = 1024 * 1024;

    /// <summary>Every certificate sealed in the journal, opened with the data directory's key.</summary>
    public static async Task<IReadOnlyList<RetainedCertificate>> RetainedCertificatesAsync(string dataDirectory, IEnumerable<string> hosts)
    {
        var vault = new CertificateVault(await CertificateKeyStore.LoadOrCreateAsync(dataDirectory, _ => null));
        var journal = string.Concat(Directory.GetFiles(dataDirectory, "coordinator.db*").Select(f => Encoding.Latin1.GetString(ReadShared(f))));
        var found = new Dictionary<string, RetainedCertificate>(StringComparer.Ordinal);
        foreach (Match match in SealedIdentity().Matches(journal))
        {
            // The serializer writes JSON, which escapes the '+' of base64.
            var (thumbprint, blob) = (match.Groups["thumbprint"].Value, match.Groups["blob"].Value.Replace("\\u002B", "+", StringComparison.Ordinal));
            foreach (var host in hosts)
            {
                try
                {
                    found[thumbprint] = vault.Unseal(host, new SealedCertificate(host, thumbprint, "CN=Octopus Tentacle", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, blob));
                    break;
                }
                catch (CertificateException)
                {
                    // Sealed for another host: its name is authenticated with the blob.
                }
            }
        }

        return [.. found.Values];
    }

    /// <summary>Where any of the secrets shows up, as "place: what"; empty when everything is clean.</summary>
    public static List<string> Leaks(
        IEnumerable<(string Place, byte[] Content)> places, string apiKey, IReadOnlyList<RetainedCertificate> certificates)
    {
        var key = Encoding.UTF8.GetBytes(apiKey);
        var leaks = new List<string>();
        foreach (var (place, content) in places)
        {
            if (content.AsSpan().IndexOf(key) >= 0)
            {
                leaks.Add($"{place}: the Octopus API key");
            }

            foreach (var certificate in certificates)
            {
                leaks.AddRange(SecretScanner.Find(Encoding.Latin1.GetString(content), certificate).Select(what => $"{place}: {certificate.Thumbprint}: {what}"));
            }
        }

        return leaks;
    }

    /// <summary>Every file under these directories, up to a size, as (path, bytes).</summary>
    public static IEnumerable<(string Place, byte[] Content)> FilesUnder(params string[] directories) =>
        Files(directories
            .SelectMany(directory => Directory.EnumerateFiles(
                directory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            .Where(path => !IsRuntimeEndpoint(path) && new FileInfo(path).Length <= LargestFileScanned));

    /// <summary>These files whatever their size, as (path, bytes).</summary>
    public static IEnumerable<(string Place, byte[] Content)> Files(IEnumerable<string> paths) => paths.Select(path => (path, ReadShared(path)));

    /// <summary>The .NET runtime's diagnostic sockets and debugger pipes in /tmp: not files, nothing to read.</summary>
    private static bool IsRuntimeEndpoint(string path) =>
        Path.GetFileName(path) is var name && (name.StartsWith("dotnet-diagnostic-", StringComparison.Ordinal) || name.StartsWith("clr-debug-pipe-", StringComparison.Ordinal));

    public static (string Place, byte[] Content) Text(string place, string text) => (place, Encoding.UTF8.GetBytes(text));

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    [GeneratedRegex("\"Thumbprint\":\"(?<thumbprint>[0-9A-F]{40})\",\"SealedPfx\":\"(?<blob>(?:[A-Za-z0-9+/=]|\\\\u002B)+)\"")]
    private static partial Regex SealedIdentity();
}
