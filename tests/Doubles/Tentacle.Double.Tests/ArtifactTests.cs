using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Tentacle.Double.Tests.Support;

namespace Tentacle.Double.Tests;

/// <summary>The lab's installers: named and laid out like the real ones, and what they install runs.</summary>
public sealed class ArtifactTests
{
    const string TarballName = "tentacle-8.3.2971-net8.0-linux-x64.tar.gz";
    const string MsiName = "Octopus.Tentacle.8.3.2971-x64.msi";
    const UnixFileMode ExecutableByAll = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    [Fact]
    public async Task Pack_produces_the_tarball_and_the_MSI_stand_in_with_the_real_names()
    {
        await using var host = new LabHost();
        var output = Path.Combine(host.Root, "artifacts");

        var packed = await host.MustSucceedAsync("pack", "--output", output, "--install-delay-ms", "250");

        Assert.Equal(new[] { Path.Combine(output, TarballName), Path.Combine(output, MsiName) }, packed.OutputLines);
        Assert.Equal(new[] { MsiName, TarballName }, Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_tarball_extracts_to_an_executable_tentacle_folder_that_waits_once_for_the_install_delay()
    {
        await using var host = new LabHost();
        var output = Path.Combine(host.Root, "artifacts");
        await host.MustSucceedAsync("pack", "--output", output, "--install-delay-ms", "400");
        var entries = ReadTarEntries(Path.Combine(output, TarballName));
        var opt = Directory.CreateDirectory(Path.Combine(host.Root, "opt", "octopus")).FullName;
        await ExtractWithTarAsync(Path.Combine(output, TarballName), opt);
        var launcher = Path.Combine(opt, "tentacle", "Tentacle");

        var watch = Stopwatch.StartNew();
        var first = await RunFileAsync(host, launcher, "version");
        var firstDuration = watch.Elapsed;
        var second = await RunFileAsync(host, launcher, "version");

        Assert.All(entries.Keys, name => Assert.StartsWith("tentacle/", name));
        Assert.Contains("tentacle/Tentacle.dll", entries.Keys);
        Assert.Equal(ExecutableByAll, entries["tentacle/Tentacle"] & ExecutableByAll);
        Assert.Equal("400", await File.ReadAllTextAsync(Path.Combine(opt, "tentacle", ".install-delay-ms")));
        Assert.Equal((0, "8.3.2971"), (first.ExitCode, first.Output));
        Assert.Equal((0, "8.3.2971"), (second.ExitCode, second.Output));
        Assert.True(firstDuration >= TimeSpan.FromMilliseconds(400), $"the first command took only {firstDuration}");
        Assert.True(File.Exists(Path.Combine(opt, "tentacle", ".install-delay-done")));
    }

    [Fact]
    public async Task The_installed_launcher_is_what_the_service_unit_starts()
    {
        await using var host = new LabHost();
        var output = Path.Combine(host.Root, "artifacts");
        await host.MustSucceedAsync("pack", "--output", output);
        var opt = Directory.CreateDirectory(Path.Combine(host.Root, "opt", "octopus")).FullName;
        await ExtractWithTarAsync(Path.Combine(output, TarballName), opt);
        var launcher = Path.Combine(opt, "tentacle", "Tentacle");
        await host.CreateInstanceWithCertificateAsync("Test");
        var systemd = new FakeSystemd(host.Root);
        var environment = systemd.Environment(("PATH", $"{systemd.Directory}:/usr/bin:/bin"));

        var installed = await RunFileAsync(host, launcher, environment, "service", "--instance", "Test", "--install");

        Assert.Equal(0, installed.ExitCode);
        Assert.Contains($"ExecStart={launcher} run --instance=Test --noninteractive\n",
            await File.ReadAllTextAsync(Path.Combine(host.SystemdDirectory, "Test.service")));
    }

    [Fact]
    public async Task The_MSI_stand_in_holds_the_files_an_executable_Tentacle_exe_and_its_properties()
    {
        await using var host = new LabHost(windows: true);
        var output = Path.Combine(host.Root, "artifacts");
        await host.MustSucceedAsync("pack", "--output", output, "--install-delay-ms", "1500");
        var installLocation = Path.Combine(host.DriveC, "Program Files", "Octopus Deploy", "Tentacle");

        using (var msi = ZipFile.OpenRead(Path.Combine(output, MsiName)))
        {
            var names = msi.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("Tentacle.exe", names);
            Assert.Contains("Tentacle.dll", names);
            Assert.Contains("Tentacle.runtimeconfig.json", names);
            Assert.DoesNotContain(names, n => n.StartsWith(".install-delay", StringComparison.Ordinal));
            var exe = (UnixFileMode)((msi.GetEntry("Tentacle.exe")!.ExternalAttributes >> 16) & 0x1FF);
            Assert.Equal(ExecutableByAll, exe & ExecutableByAll);
            await using var properties = msi.GetEntry("msi-properties.json")!.Open();
            using var json = await JsonDocument.ParseAsync(properties);
            Assert.Equal("Octopus Deploy Tentacle", json.RootElement.GetProperty("ProductName").GetString());
            Assert.Equal("8.3.2971", json.RootElement.GetProperty("ProductVersion").GetString());
            Assert.Equal(1500, json.RootElement.GetProperty("InstallDelayMs").GetInt32());
            msi.ExtractToDirectory(installLocation);
        }

        var withoutFlavour = new Dictionary<string, string?> { ["LAB_FLAVOUR"] = null };
        var created = await RunFileAsync(host, Path.Combine(installLocation, "Tentacle.exe"), withoutFlavour,
            "create-instance", "--instance", "Tentacle", "--config", @"C:\Octopus\Tentacle.config");

        Assert.Equal(0, created.ExitCode);
        Assert.True(File.Exists(Path.Combine(host.DriveC, "Octopus", "Tentacle.config")));
    }

    /// <summary>Exactly how the lab installs it: <c>tar xzf &lt;tgz&gt; -C /opt/octopus</c>.</summary>
    static async Task ExtractWithTarAsync(string tarball, string directory)
    {
        using var tar = Process.Start("tar", ["xzf", tarball, "-C", directory]);
        await tar.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, tar.ExitCode);
    }

    static Dictionary<string, UnixFileMode> ReadTarEntries(string tarball)
    {
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new Dictionary<string, UnixFileMode>();
        while (reader.GetNextEntry() is { } entry)
            entries[entry.Name] = entry.Mode;
        return entries;
    }

    static Task<TentacleResult> RunFileAsync(LabHost host, string executable, params string[] arguments) =>
        RunFileAsync(host, executable, new Dictionary<string, string?>(), arguments);

    /// <summary>Runs an installed launcher directly, with the host's lab environment.</summary>
    static async Task<TentacleResult> RunFileAsync(LabHost host, string executable, IReadOnlyDictionary<string, string?> extra, params string[] arguments)
    {
        var start = host.StartInfo(arguments, extra);
        start.FileName = executable;
        start.ArgumentList.RemoveAt(0);
        start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(DoubleBinary.Dotnet) is { Length: > 0 } root ? root : null;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new TentacleResult(process.ExitCode, await output, await error);
    }
}
