using System.Collections.Immutable;
using Coordinator.Tentacle.Tests.Support;

namespace Coordinator.Tentacle.Tests;

/// <summary>The plan from a probe: a fresh host gets every step, a converged one none, a drifted one just what drifted.</summary>
public sealed class TentaclePlannerTests
{
    static readonly DesiredTentacle Desired = Samples.Linux();

    static ProbeReport Converged() => new(
        ExecutableFound: true,
        Version: "8.3.2971",
        Instances: [new TentacleInstance("Tentacle", "/etc/octopus/Tentacle/tentacle-Tentacle.config")],
        Instance: new TentacleInstance("Tentacle", "/etc/octopus/Tentacle/tentacle-Tentacle.config"),
        Thumbprint: Samples.CertificateThumbprint,
        Configuration: new TentacleConfiguration("/etc/octopus/Tentacle/", "/home/Octopus/Applications", 10933, null, false, [Samples.ServerThumbprint]),
        Service: ServiceState.Running,
        Listening: true,
        Commands: ImmutableDictionary<string, ProbedCommand>.Empty);

    static TentaclePlan Plan(ProbeReport report, DesiredTentacle? desired = null) =>
        TentaclePlanner.Plan(report, desired ?? Desired, Samples.CertificateThumbprint);

    [Fact]
    public void A_converged_host_has_nothing_to_do()
    {
        var plan = Plan(Converged());

        Assert.True(plan.NothingToDo, string.Join(" ", plan.Reasons));
    }

    [Fact]
    public void A_fresh_host_gets_every_step_in_order()
    {
        var fresh = new ProbeReport(false, null, [], null, null, null, ServiceState.Stopped, false, ImmutableDictionary<string, ProbedCommand>.Empty);

        var plan = Plan(fresh);

        Assert.Equal(
            [TentacleStep.Install, TentacleStep.CreateInstance, TentacleStep.ImportCertificate, TentacleStep.Configure, TentacleStep.StartService],
            plan.Steps.ToArray());
        Assert.False(plan.ResetListenAddress);
    }

    [Fact]
    public void A_rebuilt_host_whose_certificate_is_unreadable_gets_the_import_and_a_restart()
    {
        var plan = Plan(Converged() with { Thumbprint = null });

        Assert.Equal([TentacleStep.ImportCertificate, TentacleStep.RestartService], plan.Steps.ToArray());
        Assert.Contains("The instance presents no certificate.", plan.Reasons);
    }

    [Fact]
    public void Another_version_is_reinstalled_and_the_running_service_restarted()
    {
        var plan = Plan(Converged() with { Version = "8.1.100" });

        Assert.Equal([TentacleStep.Install, TentacleStep.RestartService], plan.Steps.ToArray());
        Assert.Contains("Tentacle 8.1.100 is installed; 8.3.2971 is expected.", plan.Reasons);
    }

    [Theory]
    [InlineData("port")]
    [InlineData("home")]
    [InlineData("trust")]
    [InlineData("extra trust")]
    [InlineData("no listen")]
    public void Configuration_drift_is_configured_again(string drift)
    {
        var configuration = Converged().Configuration!;
        var drifted = drift switch
        {
            "port" => configuration with { ListenPort = 10934 },
            "home" => configuration with { HomeDirectory = "/var/lib/octopus" },
            "trust" => configuration with { TrustedThumbprints = [] },
            "extra trust" => configuration with { TrustedThumbprints = [Samples.ServerThumbprint, Samples.CertificateThumbprint] },
            _ => configuration with { NoListen = true },
        };

        var plan = Plan(Converged() with { Configuration = drifted });

        Assert.Equal([TentacleStep.Configure, TentacleStep.RestartService], plan.Steps.ToArray());
    }

    [Fact]
    public void Moving_from_a_specific_address_to_any_asks_configure_to_reset_it()
    {
        var plan = Plan(Converged() with { Configuration = Converged().Configuration! with { ListenIpAddress = "10.0.0.5" } });

        Assert.Equal([TentacleStep.Configure, TentacleStep.RestartService], plan.Steps.ToArray());
        Assert.True(plan.ResetListenAddress);
    }

    [Fact]
    public void A_specific_address_must_match()
    {
        var specific = Desired with { ListenAddress = "10.0.0.5" };

        Assert.True(Plan(Converged() with { Configuration = Converged().Configuration! with { ListenIpAddress = "10.0.0.5" } }, specific).NothingToDo);
        Assert.Equal([TentacleStep.Configure, TentacleStep.RestartService], Plan(Converged(), specific).Steps.ToArray());
    }

    [Fact]
    public void An_instance_on_another_configuration_file_is_created_again_and_configured()
    {
        var elsewhere = new TentacleInstance("Tentacle", "/srv/tentacle.config");

        var plan = Plan(Converged() with { Instance = elsewhere, Instances = [elsewhere] });

        Assert.Equal([TentacleStep.CreateInstance, TentacleStep.Configure, TentacleStep.RestartService], plan.Steps.ToArray());
    }

    [Fact]
    public void A_stopped_service_is_started_and_one_that_does_not_listen_restarted()
    {
        Assert.Equal([TentacleStep.StartService], Plan(Converged() with { Service = ServiceState.Stopped, Listening = false }).Steps.ToArray());
        Assert.Equal([TentacleStep.RestartService], Plan(Converged() with { Listening = false }).Steps.ToArray());
    }

    [Fact]
    public void Windows_paths_compare_without_case_or_separator_differences()
    {
        var windows = Samples.Windows();
        var report = Converged() with
        {
            Instance = new TentacleInstance("Tentacle", @"c:\octopus\tentacle.config"),
            Configuration = new TentacleConfiguration("C:/Octopus/", @"c:\Octopus\Applications", 10933, null, false, [Samples.ServerThumbprint]),
            Service = ServiceState.Unknown,
        };

        Assert.True(Plan(report, windows).NothingToDo);
    }
}
