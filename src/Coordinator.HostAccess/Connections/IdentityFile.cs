using System.Security.Cryptography;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Coordinator.HostAccess;

/// <summary>Reads a host's private key for one connection attempt, so a replaced key file is picked up on reconnect.</summary>
internal static class IdentityFile
{
    public static async Task<PrivateKeyFile> LoadAsync(HostEndpoint host, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(host.IdentityFile, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IdentityFileException(host, "the file does not exist", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IdentityFileException(host, "this process is not allowed to read it", e);
        }
        catch (IOException e)
        {
            throw new IdentityFileException(host, $"it could not be read ({e.Message})", e);
        }

        try
        {
            using var stream = new MemoryStream(content, writable: false);
            return new PrivateKeyFile(stream);
        }
        catch (SshPassPhraseNullOrEmptyException e)
        {
            throw new IdentityFileException(host, "it is protected by a passphrase, which the coordinator cannot supply; use a key without one, readable only by the coordinator", e);
        }
        catch (Exception e) when (e is SshException or FormatException or ArgumentException or InvalidOperationException or NotSupportedException or CryptographicException or EndOfStreamException)
        {
            throw new IdentityFileException(host, "it is not a private key in a format SSH.NET reads (OpenSSH, PEM or PuTTY)", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }
}
