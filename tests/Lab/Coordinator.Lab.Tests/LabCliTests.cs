namespace Coordinator.Lab.Tests;

/// <summary>The <c>lab</c> CLI as the build and humans run it: real processes, a lab that outlives <c>up</c>.</summary>
public sealed class LabCliTests : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("lab-cli-");

    [Fact]
    public async Task Up_starts_a_lab_that_outlives_it_and_down_stops_everything()
    {
        var up = await LabAsync(
            "up", "2", "--windows", "1", "--state", _state.FullName,
            "--windows-tool", "powershell=/bin/echo", "--windows-file", @"C:\Windows\System32\inetsrv\appcmd.exe=/bin/echo");

        Assert.True(up.ExitCode == 0, up.Output + up.Error);
        Assert.Contains($"ssh -F {Path.Combine(_state.FullName, "ssh_config")}", up.Output);
        var lab = await LabState.ReadAsync(_state.FullName) ?? throw new Xunit.Sdk.XunitException("lab up wrote no lab.json");
        Assert.True(lab.OwnerIsAlive);
        Assert.Equal([LabHostFlavour.Linux, LabHostFlavour.Linux, LabHostFlavour.Windows], lab.Hosts.Select(host => host.Flavour));
        foreach (var host in lab.Hosts)
        {
            var session = await Ssh.RunProcessAsync("ssh", ["-F", lab.SshConfigPath, "-o", "BatchMode=yes", host.Name, "hostname"]);
            Assert.Equal(host.Name, session.Line);
        }

        var windows = lab.Hosts[2].Name;
        var tools = await Ssh.RunProcessAsync("ssh", ["-F", lab.SshConfigPath, "-o", "BatchMode=yes", windows, "powershell -Command x; $LAB_DRIVE_C/Windows/System32/inetsrv/appcmd.exe list"]);
        Assert.Equal("-Command x\nlist\n", tools.Output);

        var status = await LabAsync("status", "--state", _state.FullName);
        Assert.Equal(0, status.ExitCode);
        Assert.All(lab.Hosts, host => Assert.Contains(host.Name, status.Output));

        var down = await LabAsync("down", "--state", _state.FullName);

        Assert.True(down.ExitCode == 0, down.Output + down.Error);
        Assert.False(lab.OwnerIsAlive);
        Assert.False(File.Exists(Path.Combine(_state.FullName, LabState.FileName)));
        Assert.Empty(ProcessTable.Mentioning(_state.FullName));
        var nothingAnswers = await Ssh.RunProcessAsync("ssh", ["-F", lab.SshConfigPath, "-o", "BatchMode=yes", "-o", "ConnectTimeout=2", lab.Hosts[0].Name, "true"]);
        Assert.Equal(255, nothingAnswers.ExitCode);
    }

    [Fact]
    public async Task Recreate_rebuilds_one_host_of_a_running_lab_and_updates_its_files()
    {
        var up = await LabAsync("up", "2", "--state", _state.FullName);
        Assert.True(up.ExitCode == 0, up.Output + up.Error);
        try
        {
            var before = (await LabState.ReadAsync(_state.FullName))!;
            var rebuilt = before.Hosts[1];

            var recreate = await LabAsync("recreate", rebuilt.Name, "--state", _state.FullName);

            Assert.True(recreate.ExitCode == 0, recreate.Output + recreate.Error);
            var after = (await LabState.ReadAsync(_state.FullName))!;
            Assert.NotEqual(rebuilt.HostKeyFingerprint, after.Hosts[1].HostKeyFingerprint);
            Assert.Equal(before.Hosts[0].HostKeyFingerprint, after.Hosts[0].HostKeyFingerprint);
            Assert.Equal(before.OwnerProcessId, after.OwnerProcessId);
            var session = await Ssh.RunProcessAsync("ssh", ["-F", after.SshConfigPath, "-o", "BatchMode=yes", rebuilt.Name, "hostname"]);
            Assert.Equal(rebuilt.Name, session.Line);
        }
        finally
        {
            var down = await LabAsync("down", "--state", _state.FullName);
            Assert.Equal(0, down.ExitCode);
        }

        // The owner did not start the rebuilt host, yet down stops it too.
        Assert.Empty(ProcessTable.Mentioning(_state.FullName));
    }

    public void Dispose() => _state.Delete(recursive: true);

    private static Task<SshResult> LabAsync(params string[] arguments) =>
        Ssh.RunProcessAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "lab.dll"), .. arguments]);
}
