namespace Coordinator.Lab.Tests.Fidelity;

/// <summary>A lab that ran Tentacle services and PowerShell sessions leaves nothing of them when disposed.</summary>
public sealed class LabTeardownTests
{
    [Fact]
    public async Task Disposing_a_lab_that_ran_tentacles_and_powershell_leaves_no_process_or_mount_behind()
    {
        using var pfx = RetainedPfx.Generate();
        using var installers = await TentacleInstallers.PackAsync();
        var lab = await LabFixture.StartAsync(linux: 1, windows: 1);
        var disposed = false;
        try
        {
            const string trusted = "0123456789ABCDEF0123456789ABCDEF01234567";
            var (linux, windows) = (lab.LinuxHosts[0], lab.WindowsHosts[0]);
            await Task.WhenAll(
                TentacleInstallation.OnLinuxAsync(linux, installers, pfx, trusted),
                TentacleInstallation.OnWindowsAsync(windows, installers, pfx, trusted));
            var namespaces = new List<string>();
            foreach (var host in lab.Hosts)
            {
                using var connection = await LabConnection.OpenAsync(host);
                var result = await connection.RunAsync("readlink /proc/self/ns/pid /proc/self/ns/mnt");
                namespaces.AddRange(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }

            // A session still running PowerShell from the tools mount when the lab goes.
            using var liveSession = await LabConnection.OpenAsync(windows);
            await using var powershell = liveSession.Start(PowerShell.EncodedCommand("'ready'; [void][Console]::In.ReadLine()"));
            Assert.Equal("ready", await powershell.ReadLineAsync());
            var processes = namespaces.SelectMany(ProcessTable.InNamespace).Distinct().ToList();
            var stateDirectory = lab.StateDirectory;

            await lab.DisposeAsync();
            disposed = true;

            Assert.Equal(4, namespaces.Distinct().Count());
            Assert.True(processes.Count >= 6, $"only {processes.Count} host processes"); // per host: sshd, the Tentacle; the live session
            Assert.DoesNotContain(processes, ProcessTable.IsRunning);
            Assert.Empty(ProcessTable.Mentioning(stateDirectory));
            var machineMounts = await File.ReadAllTextAsync("/proc/self/mountinfo");
            Assert.DoesNotContain(stateDirectory, machineMounts);
            Assert.DoesNotContain($" {LabPaths.Tools} ", machineMounts);
            Assert.False(Directory.Exists(stateDirectory));
            Assert.False(await TentacleEndpoint.IsListeningAsync(linux.Address));
            Assert.False(await TentacleEndpoint.IsListeningAsync(windows.Address));
        }
        finally
        {
            if (!disposed)
            {
                await lab.DisposeAsync();
            }
        }
    }
}
