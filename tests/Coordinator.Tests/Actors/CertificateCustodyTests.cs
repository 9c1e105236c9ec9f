using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Coordinator.Actors.Bootstrap;
using Coordinator.Actors.Machines;
using Coordinator.Protocol.Admin;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;

namespace Coordinator.Tests.Actors;

/// <summary>
/// <c>coord certs</c> and <c>coord forget</c> through the supervisor: a machine adopts an operator's certificate
/// (and keeps its own unless told to replace it), exports its certificate, and forgets its identity — and the fleet
/// directory follows.
/// </summary>
public sealed class CertificateCustodyTests() : TestKit(ActorTestConfig.Create())
{
    private static readonly BootstrapPolicy FastPolicy =
        new(TimeSpan.FromSeconds(20), MaxAttempts: 2, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50));

    private readonly ScriptedStepRunner _runner = new();
    private readonly CountingCertificateIssuer _issuer = new();

    private IActorRef StartSupervisor()
    {
        var settings = new MachineActorSettings(TimeSpan.FromMinutes(5), 50, FastPolicy);
        var machines = Sys.ActorOf(MachineEntityParent.Props(
            new MachineMessageExtractor(), host => MachineActor.Props(host, settings, _runner, _issuer)));
        return Sys.ActorOf(BootstrapSupervisor.Props(machines, BootstrapSupervisorSettings.Default));
    }

    private static MachineSpec Spec() => new(
        "Production", "127.0.0.2", HostPlatform.Linux, [], [], "Default Machine Policy",
        new SshSpec("root", 22, "/keys/id", "off", "/keys/known_hosts", TimeSpan.FromMinutes(1)),
        new TentacleSpec("Tentacle", 10933, "any", null, "/opt/octopus/tentacle",
            "/etc/octopus/Tentacle/tentacle-Tentacle.config", "/etc/octopus/Tentacle", "/home/Octopus/Applications"),
        new OctopusTarget("https://octopus.example.com/", null, "env:OCTOPUS_API_KEY", ReplaceExisting: false));

    private void Bootstrap(IActorRef supervisor, string runId)
    {
        supervisor.Tell(new FleetCommands.StartRun(runId, [new RunHost("web-01", Spec())], RunOptions.Default));
        ExpectMsg<FleetCommands.RunAccepted>();
        AwaitAssert(() =>
        {
            supervisor.Tell(new FleetCommands.GetRunProgress(runId));
            Assert.Equal(RunStatus.Completed, ExpectMsg<FleetCommands.RunProgress>().Summary.Status);
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));
    }

    private MachineSummary Directory(IActorRef supervisor, string host)
    {
        supervisor.Tell(AdminMessages.GetFleetStatus.Instance);
        return ExpectMsg<AdminMessages.FleetStatus>().Machines.Single(m => m.Host == host);
    }

    private static byte[] Pfx(string thumbprint) => Encoding.ASCII.GetBytes(thumbprint);

    [Fact]
    public void An_adopted_certificate_is_the_one_every_later_step_uses_and_the_directory_lists_it()
    {
        var supervisor = StartSupervisor();
        var adopted = new string('A', 40);

        supervisor.Tell(new CertificateMessages.Adopt("web-01", "Production", Pfx(adopted), "secret", Replace: false));

        Assert.Equal((adopted, false), ExpectMsg<CertificateMessages.Adopted>() is var a ? (a.Thumbprint, a.Replaced) : default);
        Assert.Equal(("Production", adopted), Directory(supervisor, "web-01") is var m ? (m.Environment, m.Thumbprint) : default);
        Bootstrap(supervisor, "run-1");
        Assert.All(_runner.Requests, r => Assert.Equal(adopted, r.Identity.Thumbprint));
        Assert.Equal(0, _issuer.Issued);
    }

    [Fact]
    public void A_machine_keeps_its_certificate_unless_told_to_replace_it()
    {
        var supervisor = StartSupervisor();
        Bootstrap(supervisor, "run-1");
        var issued = Directory(supervisor, "web-01").Thumbprint!;
        var other = new string('B', 40);

        supervisor.Tell(new CertificateMessages.Adopt("web-01", "Production", Pfx(other), null, Replace: false));
        var refused = ExpectMsg<AdminMessages.RequestFailed>();
        supervisor.Tell(new CertificateMessages.Adopt("web-01", "Production", Pfx(other), null, Replace: true));
        var replaced = ExpectMsg<CertificateMessages.Adopted>();

        Assert.Contains($"already has the retained certificate {issued}", refused.Reason);
        Assert.Contains("--replace", refused.Reason);
        Assert.True(replaced.Replaced);
        Assert.Equal(other, Directory(supervisor, "web-01").Thumbprint);
    }

    [Fact]
    public void A_pfx_the_issuer_cannot_read_is_refused_with_its_reason()
    {
        var supervisor = StartSupervisor();

        supervisor.Tell(new CertificateMessages.Adopt("web-01", "Production", Pfx(new string('C', 40)), "wrong", Replace: false));

        Assert.Contains("the password is wrong", ExpectMsg<AdminMessages.RequestFailed>().Reason);
        supervisor.Tell(AdminMessages.GetFleetStatus.Instance);
        Assert.Empty(ExpectMsg<AdminMessages.FleetStatus>().Machines);
    }

    [Fact]
    public void Export_hands_out_the_retained_certificate_under_the_operators_password()
    {
        var supervisor = StartSupervisor();
        supervisor.Tell(new CertificateMessages.Export("web-01", "pw"));
        Assert.Contains("has no retained certificate yet", ExpectMsg<AdminMessages.RequestFailed>().Reason);
        Bootstrap(supervisor, "run-1");
        var thumbprint = Directory(supervisor, "web-01").Thumbprint!;

        supervisor.Tell(new CertificateMessages.Export("web-01", "pw"));
        var exported = ExpectMsg<CertificateMessages.Exported>();

        Assert.Equal(thumbprint, exported.Thumbprint);
        Assert.Equal($"{thumbprint}/pw", Encoding.ASCII.GetString(exported.Pfx));
        Assert.DoesNotContain("pw", new CertificateMessages.Export("web-01", "pw").ToString().Replace("Password", ""));
    }

    [Fact]
    public void Forget_deregisters_the_thumbprint_drops_the_identity_and_the_next_run_issues_a_new_one()
    {
        var supervisor = StartSupervisor();
        Bootstrap(supervisor, "run-1");
        var first = Directory(supervisor, "web-01").Thumbprint!;

        supervisor.Tell(new CertificateMessages.Forget("web-01"));
        var forgot = ExpectMsg<CertificateMessages.Forgot>();

        Assert.Equal(first, forgot.Thumbprint);
        Assert.Equal([("web-01", "https://octopus.example.com/", first)], _runner.Deregistered);
        supervisor.Tell(AdminMessages.GetFleetStatus.Instance);
        Assert.Empty(ExpectMsg<AdminMessages.FleetStatus>().Machines);
        Bootstrap(supervisor, "run-2");
        Assert.NotEqual(first, Directory(supervisor, "web-01").Thumbprint);
        Assert.Equal(2, _issuer.Issued);
    }

    [Fact]
    public void Certificates_are_left_alone_while_the_machine_is_bootstrapping()
    {
        _runner.Hold(BootstrapStep.Probe);
        var supervisor = StartSupervisor();
        supervisor.Tell(new FleetCommands.StartRun("run-1", [new RunHost("web-01", Spec())], RunOptions.Default));
        ExpectMsg<FleetCommands.RunAccepted>();

        supervisor.Tell(new CertificateMessages.Forget("web-01"));

        Assert.Contains("busy with run run-1", ExpectMsg<AdminMessages.RequestFailed>().Reason);
        Assert.Empty(_runner.Deregistered);
        _runner.Release(BootstrapStep.Probe);
    }
}
