using Renci.SshNet.Common;

namespace Coordinator.HostAccess;

/// <summary>
/// Applies a host's <see cref="HostKeyPolicy"/> to the key it presents during one connection attempt. What
/// the policy expects is read beforehand, asynchronously, because SSH.NET asks from inside the key exchange
/// and waits for the answer.
/// </summary>
internal sealed class HostKeyCheck
{
    private const string CertificateSuffix = "-cert-v01@openssh.com";

    private readonly HostEndpoint _host;
    private readonly IReadOnlyList<HostPublicKey> _expected;
    private readonly IReadOnlyList<HostPublicKey> _revoked;
    private readonly bool _knownHostsFileExists;

    private HostKeyCheck(HostEndpoint host, IReadOnlyList<HostPublicKey> expected, IReadOnlyList<HostPublicKey> revoked, bool knownHostsFileExists)
    {
        _host = host;
        _expected = expected;
        _revoked = revoked;
        _knownHostsFileExists = knownHostsFileExists;
    }

    /// <summary>The key the host presented, once it has.</summary>
    public HostPublicKey? Presented { get; private set; }

    /// <summary>Why the key was refused, if it was.</summary>
    public HostKeyRejectedException? Rejection { get; private set; }

    /// <summary>Under AcceptNew, the key to record once the connection is up: the host had none recorded.</summary>
    public HostPublicKey? FirstSeen =>
        _host.Policy == HostKeyPolicy.AcceptNew && _expected.Count == 0 && Rejection is null ? Presented : null;

    public static async Task<HostKeyCheck> PrepareAsync(HostEndpoint host, IHostKeyStore store, CancellationToken cancellationToken)
    {
        switch (host.Policy)
        {
            case HostKeyPolicy.Strict:
                var (knownHosts, exists) = await ReadKnownHostsAsync(host, cancellationToken);
                var (keys, revoked) = knownHosts.For([host.Address, host.Name], host.Port);
                return new HostKeyCheck(host, keys, revoked, exists);
            case HostKeyPolicy.AcceptNew:
                var recorded = await store.FindAsync(host.Name, cancellationToken);
                return new HostKeyCheck(host, recorded is null ? [] : [recorded], [], knownHostsFileExists: false);
            default:
                return new HostKeyCheck(host, [], [], knownHostsFileExists: false);
        }
    }

    /// <summary>
    /// Drops host-certificate algorithms (not supported) and puts the algorithms of the expected key types
    /// first, as ssh does, so a host with several keys presents the one that is known.
    /// </summary>
    public void OrderAlgorithms<TValue>(IDictionary<string, TValue> hostKeyAlgorithms)
    {
        var preferred = _expected.Select(key => key.Type).ToHashSet(StringComparer.Ordinal);
        var ordered = hostKeyAlgorithms
            .Where(algorithm => !algorithm.Key.EndsWith(CertificateSuffix, StringComparison.Ordinal))
            .OrderBy(algorithm => preferred.Contains(KeyTypeOf(algorithm.Key)) ? 0 : 1)
            .ToList();
        hostKeyAlgorithms.Clear();
        foreach (var algorithm in ordered)
        {
            hostKeyAlgorithms.Add(algorithm);
        }
    }

    public void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
    {
        try
        {
            Presented = HostPublicKey.FromBlob(e.HostKey);
        }
        catch (FormatException)
        {
            e.CanTrust = false;
            return;
        }

        Rejection = Evaluate(Presented);
        e.CanTrust = Rejection is null;
    }

    private HostKeyRejectedException? Evaluate(HostPublicKey presented)
    {
        switch (_host.Policy)
        {
            case HostKeyPolicy.Strict when _revoked.Contains(presented):
                return HostKeyRejectedException.Revoked(_host, presented, _host.EffectiveKnownHostsFile);
            case HostKeyPolicy.Strict when _expected.Count == 0:
                return HostKeyRejectedException.NotInKnownHosts(_host, presented, _host.EffectiveKnownHostsFile, _knownHostsFileExists);
            case HostKeyPolicy.Strict when !_expected.Contains(presented):
                return HostKeyRejectedException.DiffersFromKnownHosts(_host, presented, _expected, _host.EffectiveKnownHostsFile);
            case HostKeyPolicy.AcceptNew when _expected.Count > 0 && !_expected.Contains(presented):
                return HostKeyRejectedException.DiffersFromRecorded(_host, presented, _expected[0]);
            default:
                return null;
        }
    }

    private static async Task<(KnownHosts KnownHosts, bool Exists)> ReadKnownHostsAsync(HostEndpoint host, CancellationToken cancellationToken)
    {
        var path = host.EffectiveKnownHostsFile;
        try
        {
            return (KnownHosts.Parse(await File.ReadAllTextAsync(path, cancellationToken)), true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (KnownHosts.Empty, false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KnownHostsFileException(host, path, e);
        }
    }

    private static string KeyTypeOf(string algorithm) => algorithm is "rsa-sha2-256" or "rsa-sha2-512" ? "ssh-rsa" : algorithm;
}
