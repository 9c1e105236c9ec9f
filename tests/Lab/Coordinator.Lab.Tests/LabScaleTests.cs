using System.Diagnostics;
using Xunit.Abstractions;

namespace Coordinator.Lab.Tests;

/// <summary>A lab the size of a small fleet: twenty hosts at once.</summary>
public sealed class LabScaleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Twenty_hosts_start_at_once_and_all_accept_ssh()
    {
        var clock = Stopwatch.StartNew();
        var lab = await LabFixture.StartAsync(linux: 20);
        var started = clock.Elapsed;
        IReadOnlyList<(int Pid, string StartTime)> processes;
        try
        {
            var sessions = await Task.WhenAll(lab.Hosts.Select(host => Ssh.RunAsync(lab, host, "hostname; readlink /proc/self/ns/pid")));

            Assert.Equal(20, lab.Hosts.Select(host => host.Address).Distinct().Count());
            Assert.Equal(lab.Hosts.Select(host => host.Name), sessions.Select(session => session.Output.Split('\n')[0]));
            processes = sessions.SelectMany(session => ProcessTable.InNamespace(session.Output.Split('\n')[1])).ToList();
        }
        finally
        {
            clock.Restart();
            await lab.DisposeAsync();
            output.WriteLine($"20 hosts: started and answering SSH in {started.TotalSeconds:0.00}s, disposed in {clock.Elapsed.TotalSeconds:0.00}s");
        }

        Assert.True(processes.Count >= 20);
        Assert.DoesNotContain(processes, ProcessTable.IsRunning);
    }

    [Fact]
    public async Task Labs_started_at_the_same_time_get_different_addresses_and_keys()
    {
        var labs = await Task.WhenAll(LabFixture.StartAsync(linux: 2), LabFixture.StartAsync(linux: 2));
        try
        {
            var (first, second) = (labs[0], labs[1]);
            var target = second.Hosts[0];

            var crossed = await Ssh.RunProcessAsync("ssh",
            [
                "-F", "/dev/null", "-i", first.ClientKeyPath, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", $"UserKnownHostsFile={second.KnownHostsPath}", "-p", target.Port.ToString(), $"root@{target.Address}", "true",
            ]);

            Assert.Empty(first.Hosts.Select(host => host.Address).Intersect(second.Hosts.Select(host => host.Address)));
            Assert.Equal(255, crossed.ExitCode);
        }
        finally
        {
            await Task.WhenAll(labs.Select(lab => lab.DisposeAsync().AsTask()));
        }
    }
}
