using System.Net;
using System.Net.Sockets;
using Coordinator.Tentacle.Tests.Support;

namespace Coordinator.Tentacle.Tests;

/// <summary>
/// The Linux scripts, run by bash against a stub Tentacle that records its argv: every value arrives verbatim
/// however many quotes, dollars and backticks it holds, commands come in the spec's order, and the first failure
/// stops the script with its exit code.
/// </summary>
public sealed class BashScriptTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly DesiredTentacle desired;
    readonly StubTentacle tentacle;

    public BashScriptTests()
    {
        desired = Samples.LinuxNastyUnder(temp.Path);
        tentacle = new StubTentacle(desired.Executable, temp.Combine("calls.log"));
    }

    public void Dispose() => temp.Dispose();

    ITentacleStepScripts Scripts(DesiredTentacle? settings = null, TimeSpan? listenerWait = null) =>
        TentacleStepScripts.For(settings ?? desired, listenerWait);

    [Fact]
    public async Task Every_script_passes_bash_syntax_check()
    {
        foreach (var settings in new[] { Samples.Linux(), desired })
        {
            foreach (var (name, script) in Samples.AllScripts(settings, "/tmp/upload it's.pfx"))
            {
                var checkedSyntax = await ProcessRun.RunAsync("bash", ["-n", "-c", script.Text]);

                Assert.True(checkedSyntax.ExitCode == 0, $"{name}: {checkedSyntax}\n{script.Text}");
                Assert.Equal(ScriptShell.Bash, script.Shell);
                Assert.StartsWith("# ", script.Text, StringComparison.Ordinal);
                Assert.Contains("set -euo pipefail", script.Text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Create_instance_passes_the_name_and_configuration_path_verbatim()
    {
        var result = await Shells.BashCommandAsync(Scripts().CreateInstance(), tentacle.Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        var call = Assert.Single(tentacle.Calls);
        Assert.Equal(["create-instance", "--instance", desired.Instance, "--config", desired.ConfigurationFile], call);
    }

    [Fact]
    public async Task Configure_resets_trust_then_sets_directories_port_and_address_then_trusts_the_server()
    {
        var result = await Shells.BashCommandAsync(Scripts().Configure(), tentacle.Environment());

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
    public async Task Configure_leaves_out_the_listen_address_for_any_unless_asked_to_reset_it()
    {
        var anyAddress = desired with { ListenAddress = "ANY" };

        await Shells.BashCommandAsync(Scripts(anyAddress).Configure(), tentacle.Environment());
        await Shells.BashCommandAsync(Scripts(anyAddress).Configure(resetListenAddress: true), tentacle.Environment());

        var settings = tentacle.Calls.Where(call => call.Contains("--home")).ToList();
        Assert.Equal(2, settings.Count);
        Assert.DoesNotContain("--listenIpAddress", settings[0]);
        Assert.Equal(["--listenIpAddress", "any"], settings[1][^2..]);
    }

    [Fact]
    public async Task Import_passes_only_the_uploaded_file_checks_the_thumbprint_and_deletes_the_file()
    {
        var pfx = temp.Combine(Samples.LinuxNasty, "upload", "host's cert.pfx");
        await WriteSecretFileAsync(pfx);

        var result = await Shells.BashCommandAsync(
            Scripts().ImportCertificate(pfx, Samples.CertificateThumbprint.ToLowerInvariant()),
            tentacle.Environment(thumbprint: Samples.CertificateThumbprint));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [
                ["import-certificate", "--instance", desired.Instance, "--from-file", pfx],
                ["show-thumbprint", "--instance", desired.Instance],
            ],
            tentacle.Calls);
        Assert.False(File.Exists(pfx));
    }

    [Fact]
    public async Task A_failed_import_still_deletes_the_uploaded_file()
    {
        var pfx = temp.Combine("upload.pfx");
        await WriteSecretFileAsync(pfx);

        var result = await Shells.BashCommandAsync(
            Scripts().ImportCertificate(pfx, Samples.CertificateThumbprint),
            tentacle.Environment(failOn: "import-certificate", failExit: 100));

        Assert.Equal(100, result.ExitCode);
        Assert.EndsWith("tentacle-step-failed source=tentacle exit=100 command=Tentacle import-certificate\n", result.Stderr, StringComparison.Ordinal);
        Assert.Single(tentacle.Calls);
        Assert.False(File.Exists(pfx));
    }

    [Fact]
    public async Task Import_fails_permanently_when_the_instance_then_presents_another_certificate()
    {
        var pfx = temp.Combine("upload.pfx");
        await WriteSecretFileAsync(pfx);

        var result = await Shells.BashCommandAsync(
            Scripts().ImportCertificate(pfx, Samples.CertificateThumbprint), tentacle.Environment(thumbprint: Samples.ServerThumbprint));

        Assert.Equal(StepFailureMarker.CheckFailedExitCode, result.ExitCode);
        var failure = StepFailureClassifier.Classify(result.ExitCode, result.Stdout, result.Stderr)!;
        Assert.Equal((FailureKind.Permanent, FailureSource.Check, "thumbprint after import"), (failure.Kind, failure.Source, failure.Command));
        Assert.Contains(Samples.ServerThumbprint, failure.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(pfx));
    }

    [Fact]
    public async Task The_first_failing_command_stops_the_script_with_its_exit_code_and_is_named_on_stderr()
    {
        var result = await Shells.BashCommandAsync(Scripts().Configure(), tentacle.Environment(failOn: "--reset-trust", failExit: 2));

        Assert.Equal(2, result.ExitCode);
        Assert.Single(tentacle.Calls);
        Assert.Equal(
            ["stub: refusing --reset-trust", "tentacle-step-failed source=tentacle exit=2 command=Tentacle configure --reset-trust"],
            result.Stderr.TrimEnd('\n').Split('\n'));
        var failure = StepFailureClassifier.Classify(result.ExitCode, result.Stdout, result.Stderr)!;
        Assert.Equal((FailureKind.Permanent, 2), (failure.Kind, failure.ExitCode));
    }

    [Fact]
    public async Task Commands_cannot_swallow_a_script_fed_on_stdin()
    {
        var environment = tentacle.Environment();
        environment["STUB_TENTACLE_READ_STDIN"] = "1";

        var result = await Shells.BashAsync(Scripts().Configure(), environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, tentacle.Calls.Count);
    }

    [Fact]
    public async Task Install_extracts_the_tarball_next_to_the_install_directory_and_checks_the_version()
    {
        await WriteTarballAsync(desired.Installer!.RemotePath);

        var result = await Shells.BashCommandAsync(Scripts().Install(), tentacle.Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(desired.Executable));
        Assert.Equal([["version"]], tentacle.Calls);
        Assert.Contains($"Tentacle 8.3.2971 is installed at {desired.Executable}.", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_fails_permanently_when_the_installed_version_is_not_the_expected_one()
    {
        await WriteTarballAsync(desired.Installer!.RemotePath);

        var result = await Shells.BashCommandAsync(Scripts().Install(), tentacle.Environment(version: "7.0.1"));

        Assert.Equal(StepFailureMarker.CheckFailedExitCode, result.ExitCode);
        var failure = StepFailureClassifier.Classify(result.ExitCode, result.Stdout, result.Stderr)!;
        Assert.Equal((FailureKind.Permanent, "installed version"), (failure.Kind, failure.Command));
        Assert.Contains("Tentacle reports version '7.0.1'", failure.StderrTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_without_the_uploaded_installer_is_worth_a_retry()
    {
        var result = await Shells.BashCommandAsync(Scripts().Install(), tentacle.Environment());

        var failure = StepFailureClassifier.Classify(result.ExitCode, result.Stdout, result.Stderr)!;
        Assert.Equal((FailureKind.Transient, "installer present"), (failure.Kind, failure.Command));
        Assert.Empty(tentacle.Calls);
    }

    [Fact]
    public async Task Service_scripts_install_and_start_or_stop_and_start_then_wait_for_the_listener()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var listening = desired with { ListenPort = ((IPEndPoint)listener.LocalEndpoint).Port };

        var started = await Shells.BashCommandAsync(Scripts(listening).StartService(), tentacle.Environment());
        var restarted = await Shells.BashCommandAsync(Scripts(listening).RestartService(), tentacle.Environment());

        Assert.True(started.ExitCode == 0, started.ToString());
        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        Assert.Equal(
            [
                ["service", "--instance", desired.Instance, "--install", "--start"],
                ["service", "--instance", desired.Instance, "--stop", "--start"],
            ],
            tentacle.Calls);
        Assert.Contains($"Tentacle listens on 127.0.0.1 port {listening.ListenPort}.", started.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_does_not_listen_in_time_is_a_transient_failure()
    {
        var silent = desired with { ListenPort = Samples.FreePort() };

        var result = await Shells.BashCommandAsync(Scripts(silent, TimeSpan.FromSeconds(1)).StartService(), tentacle.Environment());

        Assert.Equal(StepFailureMarker.CheckFailedExitCode, result.ExitCode);
        var failure = StepFailureClassifier.Classify(result.ExitCode, result.Stdout, result.Stderr)!;
        Assert.Equal((FailureKind.Transient, FailureSource.Check, "listener"), (failure.Kind, failure.Source, failure.Command));
        Assert.Contains($"Nothing listens on 127.0.0.1 port {silent.ListenPort}", failure.StderrTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_of_a_host_without_tentacle_succeeds_and_reports_it_absent()
    {
        File.Delete(desired.Executable);

        var result = await Shells.BashCommandAsync(Scripts().Probe(), tentacle.Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = ProbeReportParser.Parse(result.Stdout, desired.Instance);
        Assert.False(report.ExecutableFound);
        Assert.Null(report.Instance);
        Assert.Empty(report.Commands);
        Assert.Empty(tentacle.Calls);
    }

    [Fact]
    public async Task Probe_asks_tentacle_for_version_instances_thumbprint_and_configuration()
    {
        var result = await Shells.BashCommandAsync(Scripts().Probe(), tentacle.Environment(thumbprint: Samples.CertificateThumbprint));

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
        Assert.Equal((true, "8.3.2971", false), (report.ExecutableFound, report.Version, report.Listening));
        Assert.Equal(Samples.CertificateThumbprint, report.Commands["thumbprint"].Output);
    }

    static async Task WriteSecretFileAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, [1, 2, 3]);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>A tarball laid out like Tentacle's: a root folder <c>tentacle/</c> holding the program.</summary>
    async Task WriteTarballAsync(string tarball)
    {
        var staging = temp.Combine("staging");
        StubTentacle.Install(Path.Combine(staging, "tentacle", "Tentacle"));
        File.Delete(desired.Executable);
        Directory.CreateDirectory(Path.GetDirectoryName(tarball)!);
        var packed = await ProcessRun.RunAsync("tar", ["czf", tarball, "-C", staging, "tentacle"]);
        Assert.True(packed.ExitCode == 0, packed.ToString());
    }
}
