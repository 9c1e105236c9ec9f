using Coordinator.IisGateTests.Support;
using Coordinator.Protocol.Iis;
using Xunit.Abstractions;

namespace Coordinator.IisGateTests;

/// <summary>An ensure sent again through the gate to a host that already has it changes nothing, down to the byte.</summary>
[Collection(GateLabCollection.Name)]
public sealed class ConvergedHostTests(GateLab lab, ITestOutputHelper output) : GateTestKit(lab, output)
{
    [Fact]
    public async Task The_same_ensure_site_twice_changes_the_host_once_and_leaves_the_file_byte_identical()
    {
        var host = Lab.Hosts[3];
        var site = Writes.Site(Writes.NewPrefix("Converged"), 8300);
        var gate = StartGate(host, GateLab.SpecFor(host, GateLab.NewMutex(TimeSpan.FromSeconds(30))), RealRunner());

        var first = await ApplyAsync(gate, host, [site], "first");
        var afterFirst = await File.ReadAllBytesAsync(GateLab.ConfigFileOf(host));
        var second = await ApplyAsync(gate, host, [site], "second");
        var afterSecond = await File.ReadAllBytesAsync(GateLab.ConfigFileOf(host));

        Assert.Equal(IisOperationState.Changed, Assert.Single(first.Operations).State);
        Assert.Equal(IisOperationState.Unchanged, Assert.Single(second.Operations).State);
        Assert.Equal(afterFirst, afterSecond);
        Assert.Equal([site.Name], GateLab.ConfigOf(host).EntriesOf([site.Name]));
        Assert.Equal(["http/*:8300:" + site.Name.ToLowerInvariant() + ".example.com"], GateLab.ConfigOf(host).Bindings(site.Name));
    }
}
