namespace Coordinator.Lab.Tests;

/// <summary>Reaching a host: who may log in, and what a session finds there.</summary>
public sealed class HostAccessTests(TwoLinuxHosts fixture) : IClassFixture<TwoLinuxHosts>
{
    private readonly LabFixture _lab = fixture.Lab;

    [Fact]
    public async Task Root_logs_in_with_the_lab_client_key_and_the_pinned_host_key()
    {
        foreach (var host in _lab.Hosts)
        {
            // The lab's ssh_config insists on the host key in the lab's known_hosts.
            var result = await Ssh.RunAsync(_lab, host, "id -un");

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Equal("root", result.Line);
        }
    }

    [Fact]
    public async Task A_key_the_lab_did_not_hand_out_is_refused()
    {
        var directory = Directory.CreateTempSubdirectory("lab-stranger-");
        try
        {
            var strangerKey = Path.Combine(directory.FullName, "id_ed25519");
            var keygen = await Ssh.RunProcessAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", strangerKey]);
            Assert.Equal(0, keygen.ExitCode);
            var host = _lab.Hosts[0];

            var result = await Ssh.RunProcessAsync("ssh",
            [
                "-F", "/dev/null", "-i", strangerKey, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", $"UserKnownHostsFile={_lab.KnownHostsPath}", "-o", "StrictHostKeyChecking=yes",
                "-p", host.Port.ToString(), $"root@{host.Address}", "true",
            ]);

            Assert.Equal(255, result.ExitCode);
            Assert.Contains("Permission denied", result.Error);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_host_key_fingerprint_is_the_one_ssh_sees()
    {
        var host = _lab.Hosts[1];

        var result = await Ssh.RunProcessAsync("ssh", ["-v", "-F", _lab.SshConfigPath, "-o", "BatchMode=yes", host.Name, "true"]);

        Assert.Contains($"Server host key: ssh-ed25519 {host.HostKeyFingerprint}", result.Error);
    }

    [Fact]
    public async Task Sessions_see_the_lab_conventions()
    {
        var host = _lab.Hosts[0];

        var result = await Ssh.RunAsync(_lab, host,
            "echo \"$LAB_FLAVOUR|$LAB_ADDRESS|${LAB_DRIVE_C-unset}|$PATH|$(command -v sudo)|$(command -v systemctl)\"");

        var parts = result.Line.Split('|');
        Assert.Equal("linux", parts[0]);
        Assert.Equal(host.Address.ToString(), parts[1]);
        Assert.Equal("unset", parts[2]);
        Assert.StartsWith("/usr/local/sbin:", parts[3]);
        Assert.Equal("/usr/local/sbin/sudo", parts[4]);
        Assert.Equal("/usr/local/sbin/systemctl", parts[5]);
    }

    [Fact]
    public async Task Sudo_checks_pass_and_run_the_command_as_root()
    {
        var result = await Ssh.RunAsync(_lab, _lab.Hosts[0], "sudo -vn && sudo -n -u root id -u");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("0", result.Line);
    }

    [Fact]
    public async Task Each_host_has_its_own_hostname_and_machine_id()
    {
        var identities = new List<string>();
        foreach (var host in _lab.Hosts)
        {
            var result = await Ssh.RunAsync(_lab, host, "hostname; cat /etc/machine-id");
            var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(host.Name, lines[0]);
            Assert.Matches("^[0-9a-f]{32}$", lines[1]);
            identities.Add(lines[1]);
        }

        identities.Add(File.ReadAllText("/etc/machine-id").Trim());
        Assert.Equal(identities.Count, identities.Distinct().Count());
    }

    [Theory]
    [InlineData("/opt/octopus")]
    [InlineData("/etc/octopus")]
    [InlineData("/home/Octopus")]
    [InlineData("/etc/systemd/system")]
    [InlineData("/tmp")]
    [InlineData("/var/tmp")]
    public async Task A_file_written_on_one_host_is_not_on_another_nor_on_the_machine(string directory)
    {
        var (writer, other) = (_lab.Hosts[0], _lab.Hosts[1]);
        var file = $"{directory}/marker-{Guid.NewGuid():N}";

        var written = await Ssh.RunAsync(_lab, writer, $"echo here > {file} && cat {file}");
        var elsewhere = await Ssh.RunAsync(_lab, other, $"test -e {file}; echo $?");

        Assert.Equal("here", written.Line);
        Assert.Equal("1", elsewhere.Line);
        Assert.False(File.Exists(file));
        Assert.Equal("here\n", File.ReadAllText(writer.PathOnDisk(file)));
    }

    [Fact]
    public void The_hosts_mounts_are_invisible_to_the_machine()
    {
        var mounts = File.ReadAllText("/proc/self/mountinfo");

        Assert.DoesNotContain(_lab.StateDirectory, mounts);
    }
}
