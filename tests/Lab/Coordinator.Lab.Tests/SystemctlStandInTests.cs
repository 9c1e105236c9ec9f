namespace Coordinator.Lab.Tests;

/// <summary>The systemctl stand-in runs units the way the Tentacle's <c>service</c> command needs.</summary>
public sealed class SystemctlStandInTests(OneLinuxHost fixture) : IClassFixture<OneLinuxHost>
{
    private readonly LabFixture _lab = fixture.Lab;

    private LabHost Host => _lab.Hosts[0];

    [Fact]
    public async Task A_started_unit_outlives_the_session_that_started_it_until_stopped()
    {
        var unit = await InstallUnitAsync();

        var started = await Ssh.RunAsync(_lab, Host, $"systemctl start {unit}");
        var running = await Ssh.RunAsync(_lab, Host, $"systemctl is-active {unit}; pid=$(cat /tmp/{unit}.pid); kill -0 $pid && ps -o ppid= -p $pid");
        var stopped = await Ssh.RunAsync(_lab, Host, $"systemctl stop {unit}; systemctl is-active {unit}; echo $?; kill -0 $(cat /tmp/{unit}.pid) 2>/dev/null; echo $?");

        Assert.True(started.ExitCode == 0, started.Error);
        var runningLines = running.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("active", runningLines[0]);
        Assert.Equal("1", runningLines[1].Trim()); // an orphan of the session, adopted by the host's init
        Assert.Equal(["inactive", "3", "1"], stopped.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_tentacle_service_install_sequence_succeeds()
    {
        var unit = $"Tentacle{Guid.NewGuid():N}"[..16];

        // What Tentacle's `service --install --start` does on Linux: check prerequisites, write the unit,
        // chmod 644 it, enable it, start it. The Tentacle here is a stand-in that only stays up.
        var result = await Ssh.RunAsync(_lab, Host, $"""
            mkdir -p /opt/octopus/tentacle && printf '#!/bin/sh\nexec sleep 600\n' > /opt/octopus/tentacle/Tentacle
            chmod +x /opt/octopus/tentacle/Tentacle
            test -e /bin/bash && sudo -vn && command -v systemctl >/dev/null || exit 10
            printf '[Unit]\nDescription=Octopus Deploy Tentacle\nAfter=network.target\n\n[Service]\nType=simple\nUser=root\nExecStart=/opt/octopus/tentacle/Tentacle run --instance={unit} --noninteractive\nRestart=always\n\n[Install]\nWantedBy=multi-user.target\n' > /etc/systemd/system/{unit}.service
            chmod 644 /etc/systemd/system/{unit}.service
            systemctl daemon-reload && systemctl enable {unit} && systemctl start {unit} || exit 11
            systemctl is-enabled {unit}; systemctl is-active {unit}
            systemctl stop {unit} && systemctl disable {unit}
            """);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}");
        Assert.Equal(["enabled", "active"], result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Units_run_with_the_lab_environment_and_their_output_in_a_log()
    {
        var unit = await InstallUnitAsync();

        await Ssh.RunAsync(_lab, Host, $"systemctl start {unit}");
        var log = await Ssh.RunAsync(_lab, Host, $"cat /var/log/lab-units/{unit}.service.log; systemctl stop {unit}");

        Assert.Contains("LAB_FLAVOUR=linux", log.Output);
        Assert.Contains($"LAB_ADDRESS={Host.Address}", log.Output);
        Assert.Contains("PATH=/usr/local/sbin:", log.Output);
    }

    [Fact]
    public async Task An_unknown_unit_neither_starts_nor_counts_as_active()
    {
        var result = await Ssh.RunAsync(_lab, Host, "systemctl start no-such-unit; echo $?; systemctl is-active no-such-unit; echo $?");

        Assert.Equal(["5", "inactive", "3"], result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A unit whose service records its pid in /tmp, prints its environment and sleeps.</summary>
    private async Task<string> InstallUnitAsync()
    {
        var unit = $"probe-{Guid.NewGuid():N}"[..14];
        var install = await Ssh.RunAsync(_lab, Host, $"""
            printf '#!/bin/sh\necho $$ > /tmp/{unit}.pid\nenv\nexec sleep 600\n' > /usr/local/sbin/{unit}
            chmod +x /usr/local/sbin/{unit}
            printf '[Unit]\nDescription=lab probe\n\n[Service]\nExecStart=/usr/local/sbin/{unit}\n' > /etc/systemd/system/{unit}.service
            """);
        Assert.True(install.ExitCode == 0, install.Error);
        return unit;
    }
}
