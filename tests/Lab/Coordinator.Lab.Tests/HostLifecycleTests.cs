namespace Coordinator.Lab.Tests;

/// <summary>Operating a host: rebuild, power cycle, faults. Each test gets a lab of its own.</summary>
public sealed class HostLifecycleTests : IAsyncLifetime
{
    private LabFixture _lab = null!;

    private LabHost Host => _lab.Hosts[0];

    private LabHost Neighbour => _lab.Hosts[1];

    public async Task InitializeAsync() => _lab = await LabFixture.StartAsync(linux: 2);

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task Recreate_yields_a_new_machine_with_the_same_name_and_address()
    {
        var (address, hostKey, neighbourKey) = (Host.Address, Host.HostPublicKey, Neighbour.HostPublicKey);
        var before = await Ssh.RunAsync(_lab, Host, """
            mkdir -p /etc/octopus/Tentacle/Instances /opt/octopus/tentacle /home/Octopus/Applications
            echo '{}' > /etc/octopus/Tentacle/Instances/Tentacle.config
            touch /opt/octopus/tentacle/Tentacle /home/Octopus/Applications/app
            cat /etc/machine-id
            """);

        await Host.RecreateAsync();
        var after = await Ssh.RunAsync(_lab, Host, "hostname; cat /etc/machine-id; find /etc/octopus /opt/octopus /home/Octopus -mindepth 1 | wc -l");

        Assert.True(after.ExitCode == 0, after.Error); // reached through known_hosts: the lab pinned the new key
        var lines = after.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Host.Name, lines[0]);
        Assert.NotEqual(before.Line, lines[1]);
        Assert.Equal("0", lines[2]);
        Assert.Equal(address, Host.Address);
        Assert.NotEqual(hostKey, Host.HostPublicKey);
        Assert.Contains(Host.HostPublicKey, File.ReadAllText(_lab.KnownHostsPath));
        Assert.Equal(neighbourKey, Neighbour.HostPublicKey);
    }

    [Fact]
    public async Task A_stopped_host_is_down_and_boots_again_with_its_files_and_enabled_units()
    {
        await Ssh.RunAsync(_lab, Host, """
            echo kept > /etc/octopus/kept
            printf '[Service]\nExecStart=/bin/sleep 600\n' > /etc/systemd/system/booted.service
            systemctl enable booted
            """);

        await Host.StopAsync();
        var stopped = (Host.IsRunning, await Host.AnswersSshAsync(TimeSpan.FromSeconds(1)));
        await Host.StartAsync();
        var booted = await Ssh.RunAsync(_lab, Host, "cat /etc/octopus/kept; systemctl is-active booted");

        Assert.Equal((false, false), stopped);
        Assert.Equal(["kept", "active"], booted.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Dropping_connections_ends_live_sessions_but_the_host_keeps_listening()
    {
        using var session = Ssh.Open(_lab, Host, "echo ready; exec sleep 600");
        await session.ReadyAsync();

        var dropped = Host.DropConnections();

        Assert.True(dropped >= 1);
        Assert.Equal(255, await session.EndedAsync());
        Assert.Equal(Host.Name, (await Ssh.RunAsync(_lab, Host, "hostname")).Line);
    }

    [Fact]
    public async Task An_unreachable_host_times_out_until_restored()
    {
        await Host.MakeUnreachableAsync();
        var whileUnreachable = await Ssh.RunAsync(_lab, Host, "true", connectTimeoutSeconds: 2);
        var neighbour = await Ssh.RunAsync(_lab, Neighbour, "hostname");

        Host.RestoreReachability();
        var restored = await Ssh.RunAsync(_lab, Host, "hostname");

        Assert.Equal(255, whileUnreachable.ExitCode);
        Assert.Contains("timed out", whileUnreachable.Error);
        Assert.Equal(Neighbour.Name, neighbour.Line);
        Assert.Equal(Host.Name, restored.Line);
    }

    [Fact]
    public async Task Disposing_the_lab_leaves_no_process_or_namespace_behind()
    {
        var namespaces = new List<string>();
        foreach (var host in _lab.Hosts)
        {
            var result = await Ssh.RunAsync(_lab, host, """
                printf '[Service]\nExecStart=/bin/sleep 600\n' > /etc/systemd/system/lingering.service
                systemctl start lingering
                readlink /proc/self/ns/pid /proc/self/ns/mnt
                """);
            namespaces.AddRange(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        using var session = Ssh.Open(_lab, Host, "echo ready; exec sleep 600");
        await session.ReadyAsync();
        var stateDirectory = _lab.StateDirectory;
        var processes = namespaces.SelectMany(ProcessTable.InNamespace).Distinct().ToList();

        await _lab.DisposeAsync();

        Assert.Equal(4, namespaces.Distinct().Count());
        Assert.True(processes.Count >= 6, $"only {processes.Count} host processes"); // per host: sshd, a service; and the live session
        Assert.DoesNotContain(processes, ProcessTable.IsRunning);
        Assert.Empty(ProcessTable.Mentioning(stateDirectory));
        Assert.False(Directory.Exists(stateDirectory));

        // Not "nothing answers on the host's address": its lease is free once disposed, and a lab of another test
        // assembly running at the same time may already have an sshd there (seen in a clean-clone run). That no
        // process of these hosts is left, listener included, is what the assertions above prove.
    }
}
