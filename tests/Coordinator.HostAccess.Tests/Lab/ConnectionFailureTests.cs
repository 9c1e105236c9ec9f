using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Coordinator.HostAccess.Tests;

/// <summary>Hosts that cannot be reached or logged into fail fast, each with its own clear error.</summary>
public sealed class ConnectionFailureTests(OneLinuxHost lab) : IClassFixture<OneLinuxHost>
{
    private static readonly HostCommand Probe = HostCommand.Bash("probe", "true", TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_host_that_stopped_answering_fails_within_the_connect_timeout()
    {
        var options = LabEndpoints.Options with { ConnectTimeout = TimeSpan.FromSeconds(2) };
        await using var sessions = LabEndpoints.Sessions(options: options);
        await lab.Host.MakeUnreachableAsync();
        try
        {
            var stopwatch = Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<HostUnreachableException>(() => sessions.For(LabEndpoints.For(lab.Host)).RunAsync(Probe, default));

            Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(6));
            Assert.Contains($"{lab.Host.Name} ({lab.Host.Address}:{lab.Host.Port})", error.Message);
            Assert.Contains("within the connect timeout of 2s", error.Message);
        }
        finally
        {
            lab.Host.RestoreReachability();
        }
    }

    [Fact]
    public async Task A_port_nobody_listens_on_is_refused()
    {
        await using var sessions = LabEndpoints.Sessions();
        var host = LabEndpoints.For(lab.Host, port: FreePortOn(lab.Host.Address));

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => sessions.For(host).ConnectAsync(default));

        Assert.Contains($"{lab.Host.Address}:{host.Port}", error.Message);
        Assert.Contains("refused", error.Message);
    }

    [Fact]
    public async Task A_key_the_host_does_not_accept_fails_authentication()
    {
        using var directory = new TemporaryDirectory();
        var wrongKey = await SshKeygen.NewKeyAsync(directory.Path, "not-authorized");
        await using var sessions = LabEndpoints.Sessions();

        var error = await Assert.ThrowsAsync<HostAuthenticationException>(
            () => sessions.For(LabEndpoints.For(lab.Host, identityFile: wrongKey)).RunAsync(Probe, default));

        Assert.Contains(lab.Host.Name, error.Message);
        Assert.Contains(wrongKey, error.Message);
        Assert.Contains("'root'", error.Message);
        Assert.Contains("authorized_keys", error.Message);
    }

    [Fact]
    public async Task A_missing_identity_file_is_named()
    {
        using var directory = new TemporaryDirectory();
        var missing = directory.File("id_missing");
        await using var sessions = LabEndpoints.Sessions();

        var error = await Assert.ThrowsAsync<IdentityFileException>(
            () => sessions.For(LabEndpoints.For(lab.Host, identityFile: missing)).ConnectAsync(default));

        Assert.Contains(missing, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task An_identity_file_that_is_not_a_key_is_named_without_its_contents()
    {
        using var directory = new TemporaryDirectory();
        var garbage = directory.File("id_garbage");
        await File.WriteAllTextAsync(garbage, "-----BEGIN OPENSSH PRIVATE KEY-----\nSECRET-LOOKING-CONTENT\n-----END OPENSSH PRIVATE KEY-----\n");
        await using var sessions = LabEndpoints.Sessions();

        var error = await Assert.ThrowsAsync<IdentityFileException>(
            () => sessions.For(LabEndpoints.For(lab.Host, identityFile: garbage)).ConnectAsync(default));

        Assert.Contains(garbage, error.Message);
        Assert.Contains("not a private key", error.Message);
        Assert.DoesNotContain("SECRET-LOOKING-CONTENT", error.ToString());
    }

    [Fact]
    public async Task A_changed_endpoint_gets_a_new_session()
    {
        await using var sessions = LabEndpoints.Sessions();
        var endpoint = LabEndpoints.For(lab.Host);
        var first = sessions.For(endpoint);

        var moved = sessions.For(endpoint with { Port = 2222 });

        Assert.NotSame(first, moved);
        Assert.Same(moved, sessions.For(endpoint with { Port = 2222 }));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => first.ConnectAsync(default));
    }

    /// <summary>A port on the host's address that nothing listens on: bound, then released.</summary>
    private static int FreePortOn(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
