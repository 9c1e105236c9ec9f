namespace Coordinator.HostAccess.Tests;

/// <summary>Host-key policies against a real sshd, including a host destroyed and recreated with a new key.</summary>
public sealed class HostKeyTests(OneLinuxHost lab) : IClassFixture<OneLinuxHost>
{
    private static readonly HostCommand Probe = HostCommand.Bash("probe", "hostname", TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Strict_connects_when_the_known_hosts_file_lists_the_key()
    {
        await using var sessions = LabEndpoints.Sessions();

        var result = await sessions.For(LabEndpoints.For(lab.Host, HostKeyPolicy.Strict, lab.Lab.KnownHostsPath)).RunAsync(Probe, default);

        Assert.Equal(lab.Host.Name + "\n", result.StandardOutput);
    }

    [Fact]
    public async Task Strict_connects_with_a_hashed_known_hosts_file()
    {
        using var directory = new TemporaryDirectory();
        var knownHosts = directory.File("known_hosts");
        File.Copy(lab.Lab.KnownHostsPath, knownHosts);
        await SshKeygen.RunAsync("-H", "-f", knownHosts);
        Assert.DoesNotContain(lab.Host.Address.ToString(), await File.ReadAllTextAsync(knownHosts));
        await using var sessions = LabEndpoints.Sessions();

        var result = await sessions.For(LabEndpoints.For(lab.Host, HostKeyPolicy.Strict, knownHosts)).RunAsync(Probe, default);

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Strict_refuses_a_host_missing_from_the_known_hosts_file()
    {
        using var directory = new TemporaryDirectory();
        var knownHosts = directory.File("known_hosts");
        await File.WriteAllTextAsync(knownHosts, $"some-other-host {lab.Host.HostPublicKey}\n");
        await using var sessions = LabEndpoints.Sessions();

        var error = await Assert.ThrowsAsync<HostKeyRejectedException>(
            () => sessions.For(LabEndpoints.For(lab.Host, HostKeyPolicy.Strict, knownHosts)).RunAsync(Probe, default));

        Assert.Equal(HostKeyRejection.NotKnown, error.Rejection);
        Assert.Contains($"{lab.Host.Name} ({lab.Host.Address}:{lab.Host.Port})", error.Message);
        Assert.Contains($"ssh-ed25519 host key {lab.Host.HostKeyFingerprint}", error.Message);
        Assert.Contains(knownHosts, error.Message);
        Assert.Contains("ssh-keyscan", error.Message);
    }

    [Fact]
    public async Task Strict_refuses_a_missing_known_hosts_file()
    {
        using var directory = new TemporaryDirectory();
        await using var sessions = LabEndpoints.Sessions();

        var error = await Assert.ThrowsAsync<HostKeyRejectedException>(
            () => sessions.For(LabEndpoints.For(lab.Host, HostKeyPolicy.Strict, directory.File("absent"))).ConnectAsync(default));

        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task Strict_refuses_a_different_key_and_shows_both_fingerprints()
    {
        using var directory = new TemporaryDirectory();
        var otherKey = HostPublicKey.Parse(await File.ReadAllTextAsync(await SshKeygen.NewKeyAsync(directory.Path, "impostor") + ".pub"));
        var knownHosts = directory.File("known_hosts");
        await File.WriteAllTextAsync(knownHosts, $"{lab.Host.Address} {otherKey}\n");
        await using var sessions = LabEndpoints.Sessions();

        var error = await Assert.ThrowsAsync<HostKeyRejectedException>(
            () => sessions.For(LabEndpoints.For(lab.Host, HostKeyPolicy.Strict, knownHosts)).ConnectAsync(default));

        Assert.Equal(HostKeyRejection.Changed, error.Rejection);
        Assert.Equal(lab.Host.HostKeyFingerprint, error.PresentedFingerprint);
        Assert.Equal([otherKey.Fingerprint], error.ExpectedFingerprints);
        Assert.Contains(lab.Host.HostKeyFingerprint, error.Message);
        Assert.Contains(otherKey.Fingerprint, error.Message);
        Assert.Contains("rebuilt", error.Message);
    }

    [Fact]
    public async Task Strict_refuses_a_revoked_key()
    {
        using var directory = new TemporaryDirectory();
        var knownHosts = directory.File("known_hosts");
        await File.WriteAllTextAsync(knownHosts, $"{lab.Host.Address} {lab.Host.HostPublicKey}\n@revoked * {lab.Host.HostPublicKey}\n");
        await using var sessions = LabEndpoints.Sessions();

        var error = await Assert.ThrowsAsync<HostKeyRejectedException>(
            () => sessions.For(LabEndpoints.For(lab.Host, HostKeyPolicy.Strict, knownHosts)).ConnectAsync(default));

        Assert.Equal(HostKeyRejection.Revoked, error.Rejection);
    }

    [Fact]
    public async Task Accept_new_records_the_first_key_refuses_a_recreated_host_and_off_accepts_it()
    {
        var store = new InMemoryHostKeyStore();
        var originalKey = HostPublicKey.Parse(lab.Host.HostPublicKey);
        await using (var sessions = LabEndpoints.Sessions(store))
        {
            await sessions.For(LabEndpoints.For(lab.Host, HostKeyPolicy.AcceptNew)).ConnectAsync(default);
        }

        Assert.Equal(originalKey, await store.FindAsync(lab.Host.Name, default));
        await using (var again = LabEndpoints.Sessions(store))
        {
            await again.For(LabEndpoints.For(lab.Host, HostKeyPolicy.AcceptNew)).ConnectAsync(default);
        }

        await lab.Host.RecreateAsync();
        var newKey = HostPublicKey.Parse(lab.Host.HostPublicKey);
        Assert.NotEqual(originalKey, newKey);

        await using var afterRecreate = LabEndpoints.Sessions(store);
        var error = await Assert.ThrowsAsync<HostKeyRejectedException>(
            () => afterRecreate.For(LabEndpoints.For(lab.Host, HostKeyPolicy.AcceptNew)).RunAsync(Probe, default));
        Assert.Equal(HostKeyRejection.Changed, error.Rejection);
        Assert.Equal(newKey.Fingerprint, error.PresentedFingerprint);
        Assert.Equal([originalKey.Fingerprint], error.ExpectedFingerprints);
        Assert.Contains($"{lab.Host.Name} ({lab.Host.Address}:{lab.Host.Port})", error.Message);
        Assert.Contains($"ssh-ed25519 host key {newKey.Fingerprint}", error.Message);
        Assert.Contains($"key {originalKey.Fingerprint} was recorded", error.Message);
        Assert.Contains($"coord hosts reset-key --host {lab.Host.Name}", error.Message);
        Assert.Equal(originalKey, await store.FindAsync(lab.Host.Name, default));

        var off = await afterRecreate.For(LabEndpoints.For(lab.Host, HostKeyPolicy.Off)).RunAsync(Probe, default);
        Assert.Equal(0, off.ExitCode);
        Assert.Equal(originalKey, await store.FindAsync(lab.Host.Name, default));

        store.Forget(lab.Host.Name);
        await afterRecreate.For(LabEndpoints.For(lab.Host, HostKeyPolicy.AcceptNew)).ConnectAsync(default);
        Assert.Equal(newKey, await store.FindAsync(lab.Host.Name, default));
    }
}
