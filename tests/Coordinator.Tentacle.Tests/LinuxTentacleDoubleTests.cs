using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Coordinator.Tentacle.Tests.Support;

namespace Coordinator.Tentacle.Tests;

/// <summary>
/// The Linux scripts against the real Tentacle double as a process (no SSH): bash reads each script on stdin, the
/// double's environment variables point /etc/octopus, the machine id and systemd units at temp directories, and the
/// sudo/systemctl stand-ins run the unit's listener.
/// </summary>
[Collection(TentacleInstallersCollection.Name)]
public sealed class LinuxTentacleDoubleTests(TentacleInstallers installers) : IAsyncLifetime
{
    readonly LinuxLab lab = new();
    readonly TestCertificate certificate = TestCertificate.Create();
    DesiredTentacle desired = null!;

    public Task InitializeAsync()
    {
        desired = new DesiredTentacle(
            TentaclePlatform.Linux,
            lab.On("opt", "octopus", "tentacle", "Tentacle"),
            lab.On("opt", "octopus", "tentacle"),
            "Tentacle",
            lab.On("etc-octopus", "Tentacle", "tentacle-Tentacle.config"),
            lab.On("octopus home's"),
            lab.On("octopus home's", "Applications"),
            Samples.FreePort(),
            "127.0.0.1",
            Samples.ServerThumbprint,
            new TentacleInstaller(lab.On("tmp", "tentacle-8.3.2971-net8.0-linux-x64.tar.gz"), InstallerKind.Tarball),
            TentacleInstallers.Version);
        Directory.CreateDirectory(lab.On("tmp"));
        File.Copy(installers.Tarball, desired.Installer!.RemotePath);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await lab.DisposeAsync();

    [Fact]
    public async Task A_fresh_host_converges_and_a_second_probe_finds_nothing_to_do()
    {
        var scripts = TentacleStepScripts.For(desired);

        var first = await ProbeAsync(scripts);
        var plan = TentaclePlanner.Plan(first, desired, certificate.Thumbprint);
        Assert.Equal(
            [TentacleStep.Install, TentacleStep.CreateInstance, TentacleStep.ImportCertificate, TentacleStep.Configure, TentacleStep.StartService],
            plan.Steps.ToArray());
        var pfx = await RunPlanAsync(scripts, plan);
        var second = await ProbeAsync(scripts);

        Assert.False(File.Exists(pfx), "the uploaded PFX was left on the host");
        Assert.True(second.ExecutableFound);
        Assert.Equal(TentacleInstallers.Version, second.Version);
        Assert.Equal(new TentacleInstance("Tentacle", desired.ConfigurationFile), second.Instance);
        Assert.Equal(certificate.Thumbprint, second.Thumbprint);
        Assert.Equal(
            new TentacleConfiguration(desired.HomeDirectory, desired.ApplicationDirectory, desired.ListenPort, "127.0.0.1", false, [Samples.ServerThumbprint]),
            second.Configuration);
        Assert.Equal((ServiceState.Running, true), (second.Service, second.Listening));
        var converged = TentaclePlanner.Plan(second, desired, certificate.Thumbprint);
        Assert.True(converged.NothingToDo, string.Join(" ", converged.Reasons));
        Assert.Equal(certificate.Thumbprint, await PresentedThumbprintAsync(desired.ListenPort));
    }

    [Fact]
    public async Task Every_step_can_run_again_on_a_converged_host()
    {
        var scripts = TentacleStepScripts.For(desired);
        await RunPlanAsync(scripts, TentaclePlanner.Plan(await ProbeAsync(scripts), desired, certificate.Thumbprint));

        var everything = TentaclePlanner.Plan(new ProbeReport(false, null, [], null, null, null, ServiceState.Running, true,
            System.Collections.Immutable.ImmutableDictionary<string, ProbedCommand>.Empty), desired, certificate.Thumbprint);
        await RunPlanAsync(scripts, everything);
        var after = await ProbeAsync(scripts);

        Assert.Contains(TentacleStep.RestartService, everything.Steps);
        Assert.True(TentaclePlanner.Plan(after, desired, certificate.Thumbprint).NothingToDo);
        Assert.Equal(certificate.Thumbprint, await PresentedThumbprintAsync(desired.ListenPort));
    }

    [Fact]
    public async Task A_rebuilt_machine_gets_its_retained_certificate_back()
    {
        var scripts = TentacleStepScripts.For(desired);
        await RunPlanAsync(scripts, TentaclePlanner.Plan(await ProbeAsync(scripts), desired, certificate.Thumbprint));
        // A new machine id: the certificate sealed in the configuration can no longer be read, as on a rebuilt host.
        await File.WriteAllTextAsync(lab.On("machine-id"), Guid.NewGuid().ToString("N") + "\n");

        var rebuilt = await ProbeAsync(scripts);
        var plan = TentaclePlanner.Plan(rebuilt, desired, certificate.Thumbprint);
        await RunPlanAsync(scripts, plan);
        var after = await ProbeAsync(scripts);

        Assert.Null(rebuilt.Thumbprint);
        Assert.Equal([TentacleStep.ImportCertificate, TentacleStep.RestartService], plan.Steps.ToArray());
        Assert.Equal(certificate.Thumbprint, after.Thumbprint);
        Assert.True(TentaclePlanner.Plan(after, desired, certificate.Thumbprint).NothingToDo);
        Assert.Equal(certificate.Thumbprint, await PresentedThumbprintAsync(desired.ListenPort));
    }

    [Fact]
    public async Task Tentacles_own_refusal_fails_the_step_permanently_with_its_message()
    {
        var scripts = TentacleStepScripts.For(desired);
        await RunAsync(scripts.Install());

        var result = await lab.RunAsync(scripts.Configure());

        Assert.Equal(1, result.ExitCode);
        var failure = StepFailureClassifier.Classify(result.ExitCode, result.Stdout, result.Stderr)!;
        Assert.Equal((FailureKind.Permanent, "Tentacle configure --reset-trust"), (failure.Kind, failure.Command));
        Assert.Contains("There are no instances of Tentacle configured on this machine", failure.Reason, StringComparison.Ordinal);
    }

    async Task<ProbeReport> ProbeAsync(ITentacleStepScripts scripts) =>
        ProbeReportParser.Parse((await RunAsync(scripts.Probe())).Stdout, desired.Instance);

    /// <summary>Runs the plan's scripts in order, uploading the PFX for the import; returns the upload's path.</summary>
    async Task<string> RunPlanAsync(ITentacleStepScripts scripts, TentaclePlan plan)
    {
        var pfx = lab.On("tmp", $"coordinator-{Guid.NewGuid():N}.pfx");
        foreach (var step in plan.Steps)
        {
            if (step == TentacleStep.ImportCertificate)
                certificate.WriteTo(pfx);
            await RunAsync(step switch
            {
                TentacleStep.Install => scripts.Install(),
                TentacleStep.CreateInstance => scripts.CreateInstance(),
                TentacleStep.ImportCertificate => scripts.ImportCertificate(pfx, certificate.Thumbprint),
                TentacleStep.Configure => scripts.Configure(plan.ResetListenAddress),
                TentacleStep.StartService => scripts.StartService(),
                _ => scripts.RestartService(),
            });
        }

        return pfx;
    }

    async Task<RunResult> RunAsync(TentacleScript script)
    {
        var result = await lab.RunAsync(script);
        Assert.True(result.ExitCode == 0, $"{script.Description}: {result}");
        return result;
    }

    /// <summary>The thumbprint the listener presents in a TLS handshake, as the coordinator's verify step reads it.</summary>
    static async Task<string> PresentedThumbprintAsync(int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        string? thumbprint = null;
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
            {
                thumbprint = presented?.GetCertHashString();
                return true;
            },
        }, timeout.Token);
        return thumbprint!;
    }
}
