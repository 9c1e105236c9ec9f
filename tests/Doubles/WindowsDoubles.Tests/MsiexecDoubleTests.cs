using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Lab.Windows;

namespace WindowsDoubles.Tests;

public sealed class MsiexecDoubleTests : IDisposable
{
    private const string InstallFolder = @"C:\Program Files\Octopus Deploy\Tentacle";
    private readonly WindowsMachine _machine = new();

    public void Dispose() => _machine.Dispose();

    /// <summary>Writes a lab MSI into C:\Windows\Temp and returns its Windows path.</summary>
    private string Package(string version, int delayMs = 0, params string[] extraFiles)
    {
        var windowsPath = $@"C:\Windows\Temp\Octopus.Tentacle.{version}-x64.msi";
        var hostPath = _machine.OnDrive(windowsPath);
        Directory.CreateDirectory(Path.GetDirectoryName(hostPath)!);
        using var archive = ZipFile.Open(hostPath, ZipArchiveMode.Create);
        void Add(string name, string content)
        {
            using var writer = new StreamWriter(archive.CreateEntry(name).Open());
            writer.Write(content);
        }
        Add("Tentacle.exe", "#!/bin/sh\necho tentacle " + version + "\n");
        Add("lib/Octopus.Tentacle.dll", version);
        foreach (var file in extraFiles) Add(file, version);
        Add("msi-properties.json", JsonSerializer.Serialize(new { ProductName = "Octopus Deploy Tentacle", ProductVersion = version, InstallDelayMs = delayMs }));
        return windowsPath;
    }

    private Task<ProgramOutcome> Msiexec(params string[] arguments) =>
        RunningProgram.RunAsync(WindowsDoublePrograms.Msiexec, arguments, _machine);

    private string Installed(string relative) => _machine.OnDrive(InstallFolder + "\\" + relative);

    [Fact]
    public async Task Install_lays_down_the_files_with_executable_launchers_and_writes_the_log()
    {
        var package = Package("8.1.2");

        var outcome = await Msiexec("/i", package, "/quiet", "/l*v", @"C:\Windows\Temp\tentacle-install.log");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("8.1.2", await File.ReadAllTextAsync(Installed(@"lib\Octopus.Tentacle.dll")));
        Assert.True(File.GetUnixFileMode(Installed("Tentacle.exe")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.Exists(Installed("msi-properties.json")));
        var log = await File.ReadAllTextAsync(_machine.OnDrive(@"C:\Windows\Temp\tentacle-install.log"));
        Assert.Contains("Product Name: Octopus Deploy Tentacle. Product Version: 8.1.2.", log);
        Assert.Contains("Installation success or error status: 0.", log);
    }

    [Fact]
    public async Task Install_takes_at_least_the_packages_delay()
    {
        var package = Package("8.1.2", delayMs: 1500);
        var clock = Stopwatch.StartNew();

        var outcome = await Msiexec("/i", package, "/qn");

        Assert.Equal(0, outcome.ExitCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(1500), $"install took {clock.Elapsed}");
    }

    [Fact]
    public async Task Install_location_can_be_chosen()
    {
        var package = Package("8.1.2");

        var outcome = await Msiexec("/i", package, "/quiet", @"INSTALLLOCATION=C:\Tools\Tentacle\");

        Assert.Equal(0, outcome.ExitCode);
        Assert.True(File.Exists(_machine.OnDrive(@"C:\Tools\Tentacle\Tentacle.exe")));
        Assert.False(Directory.Exists(_machine.OnDrive(InstallFolder)));
    }

    [Fact]
    public async Task Reinstalling_the_same_version_succeeds_and_repairs_missing_files()
    {
        var package = Package("8.1.2");
        Assert.Equal(0, (await Msiexec("/i", package, "/quiet")).ExitCode);
        File.Delete(Installed("Tentacle.exe"));

        var outcome = await Msiexec("/i", package, "/quiet");

        Assert.Equal(0, outcome.ExitCode);
        Assert.True(File.Exists(Installed("Tentacle.exe")));
    }

    [Fact]
    public async Task Upgrading_replaces_the_files_of_the_old_version()
    {
        Assert.Equal(0, (await Msiexec("/i", Package("8.1.0", 0, "old-only.txt"), "/quiet")).ExitCode);

        var outcome = await Msiexec("/i", Package("8.2.0"), "/quiet");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("8.2.0", await File.ReadAllTextAsync(Installed(@"lib\Octopus.Tentacle.dll")));
        Assert.False(File.Exists(Installed("old-only.txt")));
    }

    [Fact]
    public async Task Uninstall_removes_the_installed_files_and_a_second_uninstall_finds_no_product()
    {
        var package = Package("8.1.2");
        Assert.Equal(0, (await Msiexec("/i", package, "/quiet")).ExitCode);

        var removed = await Msiexec("/x", package, "/quiet");
        var again = await Msiexec("/x", package, "/quiet");

        Assert.Equal(0, removed.ExitCode);
        Assert.False(Directory.Exists(_machine.OnDrive(InstallFolder)));
        Assert.Equal(1605, again.WindowsExitCode);
        Assert.NotEqual(0, again.ExitCode);
    }

    [Fact]
    public async Task A_package_that_cannot_be_opened_gives_1619()
    {
        await File.WriteAllTextAsync(_machine.OnDrive(@"C:\not-a-zip.msi"), "garbage");

        var missing = await Msiexec("/i", @"C:\Windows\Temp\missing.msi", "/quiet");
        var corrupt = await Msiexec("/i", @"C:\not-a-zip.msi", "/quiet");

        Assert.Equal(1619, missing.WindowsExitCode);
        Assert.Equal(1619, corrupt.WindowsExitCode);
        Assert.Equal(1619 & 0xFF, missing.ExitCode);
    }

    [Theory]
    [InlineData("/quiet")]
    [InlineData("/i")]
    [InlineData("/bogus", "x.msi")]
    [InlineData("/i", "a.msi", "/x", "a.msi")]
    public async Task An_invalid_command_line_gives_1639(params string[] arguments)
    {
        var outcome = await Msiexec(arguments);

        Assert.Equal(1639, outcome.WindowsExitCode);
    }
}
