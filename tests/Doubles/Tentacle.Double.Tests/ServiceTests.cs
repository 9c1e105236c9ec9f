using Tentacle.Double.Tests.Support;

namespace Tentacle.Double.Tests;

public sealed class ServiceTests
{
    [Fact]
    public async Task Prerequisites_are_checked_in_order_with_Tentacles_messages()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync("Test");
        var complete = new FakeSystemd(host.Root);
        var noSudo = new FakeSystemd(host.Root, withSudo: false);
        var noSystemctl = new FakeSystemd(host.Root, withSystemctl: false);
        string[] install = ["service", "--instance", "Test", "--install", "--start"];

        var withoutBash = await host.RunWithAsync(complete.Environment(("TENTACLE_DOUBLE_BASH", "/nonexistent/bash")), install);
        var sudoRefuses = await host.RunWithAsync(complete.Environment(("FAKE_SUDO_VN_EXIT", "1")), install);
        var sudoMissing = await host.RunWithAsync(noSudo.Environment(), install);
        var systemctlMissing = await host.RunWithAsync(noSystemctl.Environment(), install);

        Assert.Equal(new TentacleResult(1, string.Empty, "Could not detect bash. bash is required to run tentacle.\n"), withoutBash);
        Assert.Equal(new TentacleResult(1, string.Empty, "Requires elevated privileges. Please run command as sudo.\n"), sudoRefuses);
        Assert.Equal(new TentacleResult(1, string.Empty, "Requires elevated privileges. Please run command as sudo.\n"), sudoMissing);
        Assert.Equal(new TentacleResult(1, string.Empty, "Could not detect systemd. systemd is required to run Tentacle as a service\n"), systemctlMissing);
        Assert.False(Directory.Exists(host.SystemdDirectory));
        Assert.DoesNotContain(complete.Calls.Concat(noSystemctl.Calls), call => call.StartsWith("systemctl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Install_and_start_write_the_unit_then_enable_and_start_it()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync("Test");
        var systemd = new FakeSystemd(host.Root);

        var result = await host.RunWithAsync(
            systemd.Environment(("TENTACLE_DOUBLE_EXECUTABLE", "/opt/octopus/tentacle/Tentacle")),
            "service", "--instance", "Test", "--install", "--start");

        Assert.Equal(new TentacleResult(0, "Service installed: Test\nService started: Test\n", string.Empty), result);
        var unit = Path.Combine(host.SystemdDirectory, "Test.service");
        Assert.Equal(
            "[Unit]\n" +
            "Description=Octopus Deploy: Tentacle deployment agent\n" +
            "After=network.target\n" +
            "\n" +
            "[Service]\n" +
            "Type=simple\n" +
            "User=root\n" +
            "ExecStart=/opt/octopus/tentacle/Tentacle run --instance=Test --noninteractive\n" +
            "Restart=always\n" +
            "\n" +
            "[Install]\n" +
            "WantedBy=multi-user.target\n",
            await File.ReadAllTextAsync(unit));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(unit));
        Assert.Equal(["sudo -vn", "systemctl enable Test", "systemctl start Test"], systemd.Calls);
    }

    [Fact]
    public async Task Stop_restart_and_uninstall_go_through_systemctl_and_uninstall_deletes_the_unit()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync("Test");
        var systemd = new FakeSystemd(host.Root);
        await host.RunWithAsync(systemd.Environment(), "service", "--instance", "Test", "--install");

        var stopped = await host.RunWithAsync(systemd.Environment(), "service", "--instance", "Test", "--stop");
        var restarted = await host.RunWithAsync(systemd.Environment(), "service", "--instance", "Test", "--restart");
        var uninstalled = await host.RunWithAsync(systemd.Environment(), "service", "--instance", "Test", "--stop", "--uninstall");

        Assert.Equal("Stopping service: Test\nService stopped\n", stopped.Output);
        Assert.Equal("Restarting service: Test\nService has been restarted\n", restarted.Output);
        Assert.Equal("Stopping service: Test\nService stopped\nRemoving systemd service: Test\nService uninstalled\n", uninstalled.Output);
        Assert.False(File.Exists(Path.Combine(host.SystemdDirectory, "Test.service")));
        Assert.Equal(
            ["systemctl enable Test", "systemctl stop Test", "systemctl restart Test", "systemctl stop Test", "systemctl stop Test", "systemctl disable Test"],
            systemd.Calls.Where(c => c.StartsWith("systemctl", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_systemctl_permission_error_is_retried_with_sudo()
    {
        await using var host = new LabHost();
        await host.CreateInstanceWithCertificateAsync("Test");
        var systemd = new FakeSystemd(host.Root);

        var result = await host.RunWithAsync(systemd.Environment(("FAKE_SYSTEMCTL_NEEDS_SUDO", "1")),
            "service", "--instance", "Test", "--install", "--start");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Service started: Test", result.OutputLines);
        Assert.Equal(
            ["sudo -vn", "systemctl enable Test", "sudo systemctl enable Test", "systemctl enable Test",
             "systemctl start Test", "sudo systemctl start Test", "systemctl start Test"],
            systemd.Calls);
    }
}
