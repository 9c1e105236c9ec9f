using Renci.SshNet;

namespace Coordinator.HostAccess.Tests;

public sealed class HostKeyCheckTests
{
    [Fact]
    public async Task The_known_key_type_is_negotiated_first_and_host_certificates_not_at_all()
    {
        using var directory = new TemporaryDirectory();
        var privateKey = directory.File("ecdsa");
        await SshKeygen.RunAsync("-q", "-t", "ecdsa", "-N", "", "-f", privateKey);
        var knownHosts = directory.File("known_hosts");
        await File.WriteAllTextAsync(knownHosts, $"10.0.0.5 {await File.ReadAllTextAsync(privateKey + ".pub")}");
        var host = new HostEndpoint("web-01", "10.0.0.5", 22, "root", privateKey, HostOs.Linux, HostKeyPolicy.Strict, knownHosts);
        var check = await HostKeyCheck.PrepareAsync(host, new InMemoryHostKeyStore(), default);
        var connection = new ConnectionInfo("10.0.0.5", "root", new NoneAuthenticationMethod("root"));

        check.OrderAlgorithms(connection.HostKeyAlgorithms);

        var algorithms = connection.HostKeyAlgorithms.Keys.ToList();
        Assert.StartsWith("ecdsa-sha2-nistp256", algorithms[0]);
        Assert.Contains("ssh-ed25519", algorithms);
        Assert.DoesNotContain(algorithms, algorithm => algorithm.Contains("-cert-"));
    }

    [Fact]
    public async Task Without_expectations_the_library_order_is_kept()
    {
        var host = new HostEndpoint("web-01", "10.0.0.5", 22, "root", "/unused", HostOs.Linux, HostKeyPolicy.AcceptNew);
        var check = await HostKeyCheck.PrepareAsync(host, new InMemoryHostKeyStore(), default);
        var connection = new ConnectionInfo("10.0.0.5", "root", new NoneAuthenticationMethod("root"));
        var before = connection.HostKeyAlgorithms.Keys.Where(algorithm => !algorithm.Contains("-cert-")).ToList();

        check.OrderAlgorithms(connection.HostKeyAlgorithms);

        Assert.Equal(before, connection.HostKeyAlgorithms.Keys);
    }
}
