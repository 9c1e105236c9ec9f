using System.Security.Cryptography;

namespace Coordinator.Lab;

/// <summary>SSH key pairs for the lab: the client key every host accepts, and each host's own key.</summary>
internal static class SshKeys
{
    /// <summary>Writes an ed25519 key pair without a passphrase at <paramref name="privateKeyPath"/> and <c>.pub</c>.</summary>
    public static async Task GenerateAsync(string privateKeyPath, string comment, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(privateKeyPath)!);
        File.Delete(privateKeyPath);
        File.Delete(privateKeyPath + ".pub");
        await ExternalProcess.RunAsync(
            "ssh-keygen",
            ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", privateKeyPath],
            TimeSpan.FromSeconds(30),
            cancellationToken);
    }

    /// <summary>The key type and data of a <c>.pub</c> file, without its comment: what known_hosts holds.</summary>
    public static async Task<string> ReadPublicKeyAsync(string publicKeyPath, CancellationToken cancellationToken)
    {
        var fields = (await File.ReadAllTextAsync(publicKeyPath, cancellationToken)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2)
        {
            throw new LabException($"'{publicKeyPath}' is not an OpenSSH public key.");
        }

        return $"{fields[0]} {fields[1]}";
    }

    /// <summary>The fingerprint ssh prints (<c>SHA256:...</c>) for a public key in known_hosts form.</summary>
    public static string FingerprintOf(string publicKey)
    {
        var blob = Convert.FromBase64String(publicKey.Split(' ')[1]);
        return "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
    }
}
