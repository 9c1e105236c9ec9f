using System.Security.Cryptography;
using System.Text;

namespace Tentacle.Double.Certificates;

/// <summary>
/// The lab's stand-in for DPAPI / the Linux machine key: AES-GCM under a key derived from the machine id, so a
/// configuration file copied to a rebuilt machine (new machine id) no longer yields its certificate.
/// </summary>
internal sealed class MachineKey(string machineIdFile)
{
    const int NonceSize = 12;
    const int TagSize = 16;

    public string Protect(byte[] plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var tag = new byte[TagSize];
        var ciphertext = new byte[plaintext.Length];
        using var aes = new AesGcm(DeriveKey(), TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag);
        return Convert.ToBase64String([.. nonce, .. tag, .. ciphertext]);
    }

    /// <summary>Null when the data was protected on another machine (or is damaged).</summary>
    public byte[]? TryUnprotect(string protectedText)
    {
        byte[] sealedData;
        try
        {
            sealedData = Convert.FromBase64String(protectedText);
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedData.Length < NonceSize + TagSize)
            return null;
        var plaintext = new byte[sealedData.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(DeriveKey(), TagSize);
            aes.Decrypt(
                sealedData.AsSpan(0, NonceSize),
                sealedData.AsSpan(NonceSize + TagSize),
                sealedData.AsSpan(NonceSize, TagSize),
                plaintext);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    byte[] DeriveKey() => SHA256.HashData(Encoding.UTF8.GetBytes(ReadOrCreateMachineId()));

    /// <summary>
    /// Containers often ship without a machine id; like systemd-machine-id-setup, the first use creates one,
    /// so a recreated container gets a new identity.
    /// </summary>
    string ReadOrCreateMachineId()
    {
        if (File.Exists(machineIdFile) && File.ReadAllText(machineIdFile).Trim() is { Length: > 0 } existing)
            return existing;
        var created = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(machineIdFile))!);
        File.WriteAllText(machineIdFile, created + "\n");
        return created;
    }
}
