using System.IO.Compression;
using System.Management.Automation.Language;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Coordinator.Tentacle.Tests.Support;

namespace Coordinator.Tentacle.Tests;

/// <summary>
/// The Windows scripts: every one parses with the real PowerShell parser, values stay verbatim single-quoted
/// strings, and run by the lab's powershell (-EncodedCommand) against a stub Tentacle.exe they pass exactly the
/// spec's arguments, stop at the first failure with its exit code, and install through the msiexec double.
/// </summary>
public sealed class PowerShellScriptTests : IAsyncLifetime
{
    /// <summary>cmd.exe's command-line limit, which Windows OpenSSH's default shell imposes on the whole command.</summary>
    const int CmdLineLimit = 8191;

    const string CommandPrefix = "powershell -NoProfile -NonInteractive -EncodedCommand ";
    const string UploadedPfx = @"C:\Windows\Temp\coordinator upload's.pfx";

    readonly WindowsLab lab = new();
    readonly DesiredTentacle desired = Samples.WindowsNastyDesired();
    StubTentacle tentacle = null!;

    public Task InitializeAsync()
    {
        tentacle = new StubTentacle(lab.OnDrive(desired.Executable), lab.OnDrive(@"C:\stub-calls.log"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await lab.DisposeAsync();

    ITentacleStepScripts Scripts(DesiredTentacle? settings = null, TimeSpan? listenerWait = null) =>
        TentacleStepScripts.For(settings ?? desired, listenerWait);

    Task<RunResult> RunAsync(TentacleScript script, Dictionary<string, string?> stubEnvironment)
    {
        var environment = new Dictionary<string, string?>(lab.Environment);
        foreach (var (name, value) in stubEnvironment)
            environment[name] = value;
        return Shells.PowerShellAsync(script, environment, lab.DriveC);
    }

    [Fact]
    public void Every_script_parses_without_errors_in_the_real_PowerShell_parser()
    {
        foreach (var settings in new[] { Samples.Windows(), desired, desired with { ListenAddress = "::1" } })
        {
            foreach (var (name, script) in Samples.AllScripts(settings, UploadedPfx))
            {
                Parser.ParseInput(script.Text, out _, out var errors);

                Assert.True(errors.Length == 0, $"{name}: {string.Join("; ", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}"))}\n{script.Text}");
                Assert.Equal(ScriptShell.PowerShell, script.Shell);
            }
        }
    }

    [Fact]
    public void Values_reach_PowerShell_as_verbatim_single_quoted_strings_and_never_inside_expandable_ones()
    {
        foreach (var (name, script) in Samples.AllScripts(desired, UploadedPfx))
        {
            var ast = Parser.ParseInput(script.Text, out _, out _);
            var verbatim = ast.FindAll(node => node is StringConstantExpressionAst { StringConstantType: StringConstantType.SingleQuoted }, true)
                .Cast<StringConstantExpressionAst>().Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
            var expandable = ast.FindAll(node => node is ExpandableStringExpressionAst, true).Select(node => node.Extent.Text).ToList();

            Assert.Contains(desired.Executable, verbatim);
            Assert.Contains(desired.Instance, verbatim);
            Assert.DoesNotContain(expandable, text => text.Contains("‘q’", StringComparison.Ordinal));
            if (name == "configure")
                Assert.Contains(desired.HomeDirectory, verbatim);
            if (name == "import-certificate")
                Assert.Contains(UploadedPfx, verbatim);
        }
    }

    [Fact]
    public void Encoded_commands_fit_the_cmd_exe_limit_with_conventional_settings()
    {
        foreach (var (name, script) in Samples.AllScripts(Samples.Windows(), @"C:\Windows\Temp\coordinator-0123456789abcdef.pfx"))
        {
            var commandLine = CommandPrefix + Shells.Encoded(script);

            Assert.True(commandLine.Length < CmdLineLimit, $"{name}: {commandLine.Length} characters");
        }
    }

    [Fact]
    public async Task Create_instance_passes_the_name_and_configuration_path_verbatim()
    {
        var result = await RunAsync(Scripts().CreateInstance(), tentacle.Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([["create-instance", "--instance", desired.Instance, "--config", desired.ConfigurationFile]], tentacle.Calls);
    }

    [Fact]
    public async Task Configure_resets_trust_then_sets_directories_port_and_address_then_trusts_the_server()
    {
        var result = await RunAsync(Scripts().Configure(), tentacle.Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [
                ["configure", "--instance", desired.Instance, "--reset-trust"],
                ["configure", "--instance", desired.Instance, "--home", desired.HomeDirectory, "--app", desired.ApplicationDirectory,
                    "--port", "10933", "--noListen", "False", "--listenIpAddress", "127.0.0.1"],
                ["configure", "--instance", desired.Instance, "--trust", Samples.ServerThumbprint],
            ],
            tentacle.Calls);
    }

    [Fact]
    public async Task Import_passes_only_the_uploaded_file_checks_the_thumbprint_and_deletes_the_file()
    {
        await WriteUploadAsync(UploadedPfx);

        var result = await RunAsync(Scripts().ImportCertificate(UploadedPfx, Samples.CertificateThumbprint),
            tentacle.Environment(thumbprint: Samples.CertificateThumbprint));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [
                ["import-certificate", "--instance", desired.Instance, "--from-file", UploadedPfx],
                ["show-thumbprint", "--instance", desired.Instance],
            ],
            tentacle.Calls);
        Assert.False(File.Exists(lab.OnDrive(UploadedPfx)));
    }

    [Fact]
    public async Task A_failed_import_stops_with_tentacles_exit_code_and_still_deletes_the_file()
    {
        await WriteUploadAsync(UploadedPfx);

        var result = await RunAsync(Scripts().ImportCertificate(UploadedPfx, Samples.CertificateThumbprint),
            tentacle.Environment(failOn: "import-certificate", failExit: 100));

        Assert.Equal(100, result.ExitCode);
        Assert.Contains("stub: refusing import-certificate", result.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("tentacle-step-failed source=tentacle exit=100 command=Tentacle import-certificate\n", result.Stderr, StringComparison.Ordinal);
        Assert.Single(tentacle.Calls);
        Assert.False(File.Exists(lab.OnDrive(UploadedPfx)));
    }

    [Fact]
    public async Task The_first_failing_command_stops_the_script()
    {
        var result = await RunAsync(Scripts().Configure(), tentacle.Environment(failOn: "--trust", failExit: 1));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, tentacle.Calls.Count);
        var failure = StepFailureClassifier.Classify(result.ExitCode, result.Stdout, result.Stderr)!;
        Assert.Equal((FailureKind.Permanent, FailureSource.Tentacle, "Tentacle configure --trust", 1),
            (failure.Kind, failure.Source, failure.Command, failure.ExitCode));
        Assert.Contains("stub: refusing --trust", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_tentacle_exe_is_reported_as_not_found()
    {
        File.Delete(tentacle.Path);

        var result = await RunAsync(Scripts().CreateInstance(), tentacle.Environment());

        var failure = StepFailureClassifier.Classify(result.ExitCode, result.Stdout, result.Stderr)!;
        Assert.Equal((FailureKind.Permanent, StepFailureMarker.NotFoundExitCode), (failure.Kind, failure.ExitCode));
        Assert.Contains($"{desired.Executable} was not found.", failure.StderrTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_scripts_install_and_start_or_stop_and_start_then_wait_for_the_listener()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var listening = desired with { ListenPort = ((IPEndPoint)listener.LocalEndpoint).Port };

        var started = await RunAsync(Scripts(listening).StartService(), tentacle.Environment());
        var restarted = await RunAsync(Scripts(listening).RestartService(), tentacle.Environment());

        Assert.True(started.ExitCode == 0, started.ToString());
        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        Assert.Equal(
            [
                ["service", "--instance", desired.Instance, "--install", "--start"],
                ["service", "--instance", desired.Instance, "--stop", "--start"],
            ],
            tentacle.Calls);
    }

    [Fact]
    public async Task A_service_that_does_not_listen_in_time_is_a_transient_failure()
    {
        var silent = desired with { ListenPort = Samples.FreePort() };

        var result = await RunAsync(Scripts(silent, TimeSpan.FromSeconds(1)).StartService(), tentacle.Environment());

        Assert.Equal(StepFailureMarker.CheckFailedExitCode, result.ExitCode);
        var failure = StepFailureClassifier.Classify(result.ExitCode, result.Stdout, result.Stderr)!;
        Assert.Equal((FailureKind.Transient, "listener"), (failure.Kind, failure.Command));
    }

    [Fact]
    public async Task Install_runs_msiexec_with_the_install_location_then_checks_the_version()
    {
        File.Delete(tentacle.Path);
        await WriteMsiAsync(lab.OnDrive(desired.Installer!.RemotePath));

        var result = await RunAsync(Scripts().Install(), tentacle.Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(tentacle.Path), "msiexec did not lay Tentacle.exe down in INSTALLLOCATION");
        Assert.Equal([["version"]], tentacle.Calls);
        Assert.Contains("Installation success or error status: 0", await File.ReadAllTextAsync(lab.OnDrive(desired.Installer.RemotePath + ".log")));
    }

    [Fact]
    public async Task An_upgrade_stops_the_running_service_before_msiexec_replaces_its_files()
    {
        await WriteMsiAsync(lab.OnDrive(desired.Installer!.RemotePath));

        var result = await RunAsync(Scripts().Install(), tentacle.Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([["service", "--instance", desired.Instance, "--stop"], ["version"]], tentacle.Calls);
    }

    [Fact]
    public async Task An_upgrade_goes_on_when_there_is_no_service_to_stop()
    {
        await WriteMsiAsync(lab.OnDrive(desired.Installer!.RemotePath));

        var result = await RunAsync(Scripts().Install(), tentacle.Environment(failOn: "--stop"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, tentacle.Calls.Count);
        Assert.Contains("Installation success or error status: 0", await File.ReadAllTextAsync(lab.OnDrive(desired.Installer.RemotePath + ".log")));
    }

    [Fact]
    public async Task A_failing_msiexec_shows_its_log_and_full_exit_code()
    {
        File.Delete(tentacle.Path);
        var msi = lab.OnDrive(desired.Installer!.RemotePath);
        Directory.CreateDirectory(Path.GetDirectoryName(msi)!);
        await File.WriteAllTextAsync(msi, "not an installer");

        var result = await RunAsync(Scripts().Install(), tentacle.Environment());

        var failure = StepFailureClassifier.Classify(result.ExitCode, result.Stdout, result.Stderr)!;
        Assert.Equal((FailureKind.Permanent, FailureSource.Installer, "msiexec /i"), (failure.Kind, failure.Source, failure.Command));
        Assert.True(failure.ExitCode is 1603 or 1619, failure.ToString());
        Assert.Contains("MainEngineThread is returning", failure.StderrTail, StringComparison.Ordinal);
        Assert.Empty(tentacle.Calls);
    }

    [Fact]
    public async Task Probe_of_a_host_without_tentacle_succeeds_and_reports_it_absent()
    {
        File.Delete(tentacle.Path);

        var result = await RunAsync(Scripts().Probe(), tentacle.Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = ProbeReportParser.Parse(result.Stdout, desired.Instance);
        Assert.Equal((false, ServiceState.Unknown, false), (report.ExecutableFound, report.Service, report.Listening));
    }

    [Fact]
    public async Task Probe_asks_tentacle_for_version_instances_thumbprint_and_configuration()
    {
        var result = await RunAsync(Scripts().Probe(), tentacle.Environment(thumbprint: Samples.CertificateThumbprint));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [
                ["version"],
                ["list-instances", "--format=json"],
                ["show-thumbprint", "--instance", desired.Instance],
                ["show-configuration", "--instance", desired.Instance],
            ],
            tentacle.Calls);
        var report = ProbeReportParser.Parse(result.Stdout, desired.Instance);
        Assert.Equal("8.3.2971", report.Version);
        Assert.Equal(Samples.CertificateThumbprint, report.Commands["thumbprint"].Output);
    }

    async Task WriteUploadAsync(string windowsPath)
    {
        var path = lab.OnDrive(windowsPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, [1, 2, 3]);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>An MSI stand-in the msiexec double installs: a ZIP holding the stub Tentacle.exe and the product properties.</summary>
    async Task WriteMsiAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var staging = Path.Combine(Path.GetTempPath(), $"stub-tentacle-{Guid.NewGuid():N}");
        StubTentacle.Install(staging);
        try
        {
            await using var file = File.Create(path);
            using var zip = new ZipArchive(file, ZipArchiveMode.Create);
            var exe = zip.CreateEntry("Tentacle.exe");
            exe.ExternalAttributes = unchecked((int)((0x8000u | 0x1EDu) << 16));
            await using (var stream = exe.Open())
                await stream.WriteAsync(await File.ReadAllBytesAsync(staging));
            await using (var stream = zip.CreateEntry("msi-properties.json").Open())
                await stream.WriteAsync(Encoding.UTF8.GetBytes("""{"ProductName":"Octopus Deploy Tentacle","ProductVersion":"8.3.2971","InstallDelayMs":0}"""));
        }
        finally
        {
            File.Delete(staging);
        }
    }
}
