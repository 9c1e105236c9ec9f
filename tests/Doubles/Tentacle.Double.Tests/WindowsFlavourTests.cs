using System.Net;
using System.Text.RegularExpressions;
using Tentacle.Double.Tests.Support;

namespace Tentacle.Double.Tests;

/// <summary>LAB_FLAVOUR=windows: Windows paths on the lab's C: directory and a detached listener instead of a Windows service.</summary>
public sealed class WindowsFlavourTests
{
    [Fact]
    public async Task Windows_paths_map_onto_the_lab_drive_and_messages_keep_them()
    {
        await using var host = new LabHost(windows: true);

        var created = await host.MustSucceedAsync("create-instance", "--instance", "Tentacle", "--config", @"C:\Octopus\Tentacle.config");
        var configured = await host.MustSucceedAsync("configure", "--instance", "Tentacle", "--home", @"C:\Octopus", "--app", @"D:\Apps");

        Assert.Equal(
            new[] { @"Creating empty configuration file: C:\Octopus\Tentacle.config", "Saving instance: Tentacle", @"Setting home directory to: C:\Octopus" },
            created.OutputLines);
        Assert.Equal(new[] { @"Home directory set to: C:\Octopus", @"Application directory set to: D:\Apps" }, configured.OutputLines[..2]);
        Assert.True(File.Exists(Path.Combine(host.DriveC, "Octopus", "Tentacle.config")));
        Assert.True(Directory.Exists(Path.Combine(host.DriveC, "Apps")));
        var index = await File.ReadAllTextAsync(Path.Combine(host.DriveC, "ProgramData", "Octopus", "Tentacle", "Instances", "Tentacle.config"));
        Assert.Contains(@"""ConfigurationFilePath"": ""C:\\Octopus\\Tentacle.config""", index);
    }

    [Fact]
    public async Task Service_install_start_runs_a_detached_listener_that_stop_ends()
    {
        await using var host = new LabHost(windows: true);
        await host.MustSucceedAsync("create-instance", "--instance", "Tentacle", "--config", @"C:\Octopus\Tentacle.config");
        await host.MustSucceedAsync("new-certificate", "--instance", "Tentacle");
        await host.MustSucceedAsync("configure", "--instance", "Tentacle", "--port", "0", "--listenIpAddress", "127.0.0.1");
        var thumbprint = await host.ThumbprintAsync();
        var pidFile = Path.Combine(host.DriveC, "Octopus", "Tentacle.pid");
        try
        {
            var started = await host.RunAsync("service", "--instance", "Tentacle", "--install", "--start");

            Assert.Equal(new TentacleResult(0, "Service installed\nService started\n", string.Empty), started);
            var pid = int.Parse(await File.ReadAllTextAsync(pidFile));
            Assert.True(Posix.IsRunning(pid));
            Assert.NotEqual(SessionOf(Environment.ProcessId), SessionOf(pid));
            var log = await File.ReadAllTextAsync(Path.Combine(host.DriveC, "Octopus", "Logs", "OctopusTentacle.txt"));
            var endpoint = IPEndPoint.Parse(Regex.Match(log, "Agent listening on: (\\S+)").Groups[1].Value);
            Assert.Equal(thumbprint, (await TlsProbe.ExchangeAsync(endpoint, string.Empty)).ServerThumbprint);

            var stopped = await host.RunAsync("service", "--instance", "Tentacle", "--stop", "--uninstall");

            Assert.Equal(new TentacleResult(0, "Stopping service...\nService stopped\nService uninstalled\n", string.Empty), stopped);
            Assert.False(Posix.IsRunning(pid));
        }
        finally
        {
            if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile), out var leftover) && Posix.IsRunning(leftover))
                Posix.SendSignal(leftover, Posix.SigTerm);
        }
    }

    [Fact]
    public async Task Starting_a_service_that_is_not_installed_fails()
    {
        await using var host = new LabHost(windows: true);
        await host.MustSucceedAsync("create-instance", "--instance", "Web", "--config", @"C:\Octopus\Web.config");

        var started = await host.RunAsync("service", "--instance", "Web", "--start");

        Assert.Equal(1, started.ExitCode);
        Assert.Contains("OctopusDeploy Tentacle: Web", started.Error);
    }

    static string SessionOf(int pid) => File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
}
