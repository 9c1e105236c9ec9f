namespace Coordinator.HostAccess;

/// <summary>Why a host key was refused.</summary>
public enum HostKeyRejection
{
    /// <summary>Strict: the known-hosts file lists no key for the host.</summary>
    NotKnown,

    /// <summary>The host presented a key other than the one(s) expected: known-hosts (Strict) or recorded (AcceptNew).</summary>
    Changed,

    /// <summary>Strict: the known-hosts file marks the presented key <c>@revoked</c>.</summary>
    Revoked,
}

/// <summary>
/// The host's SSH key did not pass the host-key policy, so nothing was sent to it. The message names the
/// host, the key type and the SHA256 fingerprints presented and expected, and what to do.
/// </summary>
public sealed class HostKeyRejectedException : HostAccessException
{
    private HostKeyRejectedException(
        HostEndpoint host, HostKeyRejection rejection, HostPublicKey presented, IReadOnlyList<HostPublicKey> expected, string message)
        : base(host, message)
    {
        Rejection = rejection;
        Presented = presented;
        Expected = expected;
    }

    public HostKeyRejection Rejection { get; }

    public HostPublicKey Presented { get; }

    /// <summary>The keys that would have been accepted: known-hosts entries, or the recorded key.</summary>
    public IReadOnlyList<HostPublicKey> Expected { get; }

    public string KeyType => Presented.Type;

    public string PresentedFingerprint => Presented.Fingerprint;

    public IReadOnlyList<string> ExpectedFingerprints => Expected.Select(key => key.Fingerprint).ToList();

    public static HostKeyRejectedException NotInKnownHosts(HostEndpoint host, HostPublicKey presented, string knownHostsFile, bool fileExists) =>
        new(host, HostKeyRejection.NotKnown, presented, [],
            $"{host} presented the {presented.Type} host key {presented.Fingerprint}, but the known-hosts file {knownHostsFile} " +
            $"{(fileExists ? "lists no key for it" : "does not exist")}, and the host-key policy is strict. Refusing to connect. " +
            $"If this is the right machine, check that fingerprint on it (ssh-keygen -lf /etc/ssh/ssh_host_{KeyFileStem(presented)}_key.pub) " +
            $"and add its key to the file (ssh-keyscan -p {host.Port} {host.Address} >> {knownHostsFile}).");

    public static HostKeyRejectedException DiffersFromKnownHosts(
        HostEndpoint host, HostPublicKey presented, IReadOnlyList<HostPublicKey> expected, string knownHostsFile) =>
        new(host, HostKeyRejection.Changed, presented, expected,
            $"{host} presented the {presented.Type} host key {presented.Fingerprint}, but the known-hosts file {knownHostsFile} " +
            $"expects {Describe(expected)}. Refusing to connect: the machine may have been rebuilt, or something may be " +
            $"impersonating it. If it was rebuilt, replace its entry (ssh-keygen -R {KnownHostsName(host)} -f {knownHostsFile}, then add " +
            "the new key after checking its fingerprint) and run again; otherwise investigate before trusting it.");

    public static HostKeyRejectedException Revoked(HostEndpoint host, HostPublicKey presented, string knownHostsFile) =>
        new(host, HostKeyRejection.Revoked, presented, [],
            $"{host} presented the {presented.Type} host key {presented.Fingerprint}, which the known-hosts file {knownHostsFile} " +
            "marks @revoked. Refusing to connect; investigate the host before using it.");

    public static HostKeyRejectedException DiffersFromRecorded(HostEndpoint host, HostPublicKey presented, HostPublicKey recorded) =>
        new(host, HostKeyRejection.Changed, presented, [recorded],
            $"{host} presented the {presented.Type} host key {presented.Fingerprint}, but the {recorded.Type} key " +
            $"{recorded.Fingerprint} was recorded when the coordinator first connected to it. Refusing to connect: the machine " +
            "may have been rebuilt or recreated, or something may be impersonating it. If it was rebuilt, check the new " +
            $"fingerprint on the machine, then run 'coord hosts reset-key --host {host.Name}' so the next connection records " +
            "the key it presents, and run again; otherwise investigate before trusting it.");

    private static string Describe(IReadOnlyList<HostPublicKey> keys) =>
        string.Join(" or ", keys.Select(key => $"the {key.Type} key {key.Fingerprint}"));

    private static string KnownHostsName(HostEndpoint host) => host.Port == 22 ? host.Address : $"'[{host.Address}]:{host.Port}'";

    private static string KeyFileStem(HostPublicKey key) => key.Type switch
    {
        "ssh-ed25519" => "ed25519",
        "ssh-rsa" => "rsa",
        _ when key.Type.StartsWith("ecdsa-", StringComparison.Ordinal) => "ecdsa",
        _ => "*",
    };
}
