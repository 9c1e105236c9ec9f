using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Coordinator.HostAccess;

/// <summary>
/// An SSH public key as known-hosts files write it: its type (<c>ssh-ed25519</c>) and the base64 of its
/// wire-format blob. Two keys are equal when type and blob are.
/// </summary>
public sealed record HostPublicKey
{
    private HostPublicKey(string type, byte[] blob)
    {
        Type = type;
        Data = Convert.ToBase64String(blob);
        Fingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
    }

    /// <summary>The key type named inside the blob: <c>ssh-ed25519</c>, <c>ecdsa-sha2-nistp256</c>, <c>ssh-rsa</c>...</summary>
    public string Type { get; }

    /// <summary>The base64 of the key blob.</summary>
    public string Data { get; }

    /// <summary>The fingerprint ssh and ssh-keygen show: <c>SHA256:</c> and unpadded base64.</summary>
    public string Fingerprint { get; }

    /// <summary>The key from its wire-format blob, whose first field names its type.</summary>
    public static HostPublicKey FromBlob(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 4)
        {
            throw new FormatException("An SSH public key blob is shorter than its type field.");
        }

        var typeLength = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (typeLength == 0 || typeLength > blob.Length - 4 || typeLength > 64)
        {
            throw new FormatException("An SSH public key blob does not start with a key type.");
        }

        var type = Encoding.ASCII.GetString(blob.Slice(4, (int)typeLength));
        return new HostPublicKey(type, blob.ToArray());
    }

    /// <summary>A key written as <c>type base64 [comment]</c>, as in known_hosts and <c>.pub</c> files.</summary>
    public static HostPublicKey Parse(string text)
    {
        var fields = text.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2)
        {
            throw new FormatException("An SSH public key is written as '<type> <base64>'.");
        }

        return FromTypeAndData(fields[0], fields[1]) ?? throw new FormatException($"'{fields[0]} ...' is not a well-formed SSH public key.");
    }

    /// <summary>The key, or null when the base64 is malformed or names another type than <paramref name="type"/>.</summary>
    internal static HostPublicKey? FromTypeAndData(string type, string data)
    {
        var blob = new byte[data.Length];
        if (!Convert.TryFromBase64String(data, blob, out var length))
        {
            return null;
        }

        try
        {
            var key = FromBlob(blob.AsSpan(0, length));
            return key.Type == type ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary><c>type base64</c>: the form known_hosts and the host-key store hold.</summary>
    public override string ToString() => $"{Type} {Data}";
}
