using System.Collections.Immutable;
using Coordinator.Tentacle.Tests.Support;

namespace Coordinator.Tentacle.Tests;

/// <summary>
/// The Windows scripts run by the lab's powershell (<c>-EncodedCommand</c>) on a windows-flavoured "host" (a temp
/// drive C:): msiexec (the double) installs the Tentacle double's MSI stand-in, and its Tentacle.exe launcher is the
/// Tentacle every later step talks to. The service step uses the double's Windows service stand-in (a detached listener).
/// </summary>
[Collection(TentacleInstallersCollection.Name)]
public sealed class WindowsTentacleDoubleTests(TentacleInstallers installers) : IAsyncLifetime
{
    readonly WindowsLab lab = new();
    readonly TestCertificate certificate = TestCertificate.Create();
    DesiredTentacle desired = null!;

    public Task InitializeAsync()
    {
        desired = Samples.Windows() with
        {
            HomeDirectory = @"C:\Octopus Home's",
            ApplicationDirectory = @"C:\Octopus Home's\Applications",
            ListenPort = Samples.FreePort(),
            ListenAddress = "127.0.0.1",
        };
        var msi = lab.OnDrive(desired.Installer!.RemotePath);
        Directory.CreateDirectory(Path.GetDirectoryName(msi)!);
        File.Copy(installers.Msi, msi);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await lab.DisposeAsync();

    [Fact]
    public async Task A_fresh_windows_host_converges_and_a_second_probe_finds_nothing_to_do()
    {
        var scripts = TentacleStepScripts.For(desired);

        var first = await ProbeAsync(scripts);
        var plan = TentaclePlanner.Plan(first, desired, certificate.Thumbprint);
        Assert.False(first.ExecutableFound);
        Assert.Equal(
            [TentacleStep.Install, TentacleStep.CreateInstance, TentacleStep.ImportCertificate, TentacleStep.Configure, TentacleStep.StartService],
            plan.Steps.ToArray());
        var pfx = await RunPlanAsync(scripts, plan);
        var second = await ProbeAsync(scripts);

        Assert.False(File.Exists(lab.OnDrive(pfx)), "the uploaded PFX was left on the host");
        Assert.Equal(TentacleInstallers.Version, second.Version);
        Assert.Equal(new TentacleInstance("Tentacle", desired.ConfigurationFile), second.Instance);
        Assert.Equal(certificate.Thumbprint, second.Thumbprint);
        Assert.Equal(
            new TentacleConfiguration(desired.HomeDirectory, desired.ApplicationDirectory, desired.ListenPort, "127.0.0.1", false, [Samples.ServerThumbprint]),
            second.Configuration);
        // The lab's powershell has no Get-Service: the listener stands for the service.
        Assert.Equal((ServiceState.Unknown, true), (second.Service, second.Listening));
        var converged = TentaclePlanner.Plan(second, desired, certificate.Thumbprint);
        Assert.True(converged.NothingToDo, string.Join(" ", converged.Reasons));
    }

    [Fact]
    public async Task Reinstalling_and_reconfiguring_a_running_windows_tentacle_restarts_it()
    {
        var scripts = TentacleStepScripts.For(desired);
        await RunPlanAsync(scripts, TentaclePlanner.Plan(await ProbeAsync(scripts), desired, certificate.Thumbprint));

        var everything = TentaclePlanner.Plan(new ProbeReport(false, null, [], null, null, null, ServiceState.Unknown, true,
            ImmutableDictionary<string, ProbedCommand>.Empty), desired, certificate.Thumbprint);
        await RunPlanAsync(scripts, everything);
        var after = await ProbeAsync(scripts);

        Assert.Equal(TentacleStep.RestartService, everything.Steps[^1]);
        Assert.True(TentaclePlanner.Plan(after, desired, certificate.Thumbprint).NothingToDo);
    }

    async Task<ProbeReport> ProbeAsync(ITentacleStepScripts scripts) =>
        ProbeReportParser.Parse((await RunAsync(scripts.Probe())).Stdout, desired.Instance);

    /// <summary>Runs the plan's scripts in order, uploading the PFX for the import; returns the upload's Windows path.</summary>
    async Task<string> RunPlanAsync(ITentacleStepScripts scripts, TentaclePlan plan)
    {
        var pfx = $@"C:\Windows\Temp\coordinator-{Guid.NewGuid():N}.pfx";
        foreach (var step in plan.Steps)
        {
            if (step == TentacleStep.ImportCertificate)
                certificate.WriteTo(lab.OnDrive(pfx));
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
}
