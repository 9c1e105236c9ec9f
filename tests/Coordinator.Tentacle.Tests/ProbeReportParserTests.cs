using System.Text;
using Coordinator.Tentacle.Tests.Support;

namespace Coordinator.Tentacle.Tests;

/// <summary>The probe's report becomes a typed <see cref="ProbeReport"/>; what could not be read stays unknown.</summary>
public sealed class ProbeReportParserTests
{
    static string Field(string name, int exitCode, string output, string error = "") =>
        $"{name}.exit={exitCode}\n{name}.out={Base64(output)}\n{name}.err={Base64(error)}\n";

    static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_converged_host_reports_everything()
    {
        var output = "tentacle-probe=1\nexecutable=present\n" +
                     Field("version", 0, "8.3.2971") +
                     Field("instances", 0, """[{"InstanceName":"Tentacle","ConfigurationFilePath":"/etc/octopus/Tentacle/tentacle-Tentacle.config"}]""") +
                     Field("thumbprint", 0, Samples.CertificateThumbprint) +
                     Field("configuration", 0, """{"Octopus":{"Home":"/etc/octopus/Tentacle"},"Tentacle":{"Services":{"PortNumber":10933,"NoListen":false}}}""") +
                     "service=running\r\nlistening=yes\ntentacle-probe-end=1\n";

        var report = ProbeReportParser.Parse(output, "Tentacle");

        Assert.True(report.ExecutableFound);
        Assert.Equal("8.3.2971", report.Version);
        Assert.Equal(new TentacleInstance("Tentacle", "/etc/octopus/Tentacle/tentacle-Tentacle.config"), report.Instance);
        Assert.Equal(Samples.CertificateThumbprint, report.Thumbprint);
        Assert.Equal(10933, report.Configuration!.ListenPort);
        Assert.Equal((ServiceState.Running, true, true), (report.Service, report.Listening, report.ServiceRunning));
    }

    [Fact]
    public void Instance_commands_of_a_missing_instance_leave_thumbprint_and_configuration_unknown()
    {
        var output = "tentacle-probe=1\nexecutable=present\n" +
                     Field("version", 0, "8.3.2971") +
                     Field("instances", 0, "[]") +
                     Field("thumbprint", 1, "", "Instance Tentacle of Tentacle has not been configured on this machine.") +
                     Field("configuration", 1, "") +
                     "service=stopped\nlistening=no\ntentacle-probe-end=1\n";

        var report = ProbeReportParser.Parse(output, "Tentacle");

        Assert.Null(report.Instance);
        Assert.Null(report.Thumbprint);
        Assert.Null(report.Configuration);
        Assert.Equal("Instance Tentacle of Tentacle has not been configured on this machine.", report.Commands["thumbprint"].Error);
        Assert.False(report.ServiceRunning);
    }

    [Fact]
    public void The_instance_is_found_ignoring_case_like_tentacle_does()
    {
        var output = "tentacle-probe=1\nexecutable=present\n" +
                     Field("instances", 0, """[{"InstanceName":"WEB","ConfigurationFilePath":"/x.config"}]""") +
                     "tentacle-probe-end=1\n";

        Assert.Equal("WEB", ProbeReportParser.Parse(output, "web").Instance?.Name);
    }

    [Fact]
    public void Where_no_service_manager_answers_the_listener_decides_whether_the_service_runs()
    {
        var report = ProbeReportParser.Parse("tentacle-probe=1\nexecutable=absent\nservice=unknown\nlistening=yes\ntentacle-probe-end=1\n", "Tentacle");

        Assert.Equal((ServiceState.Unknown, true), (report.Service, report.ServiceRunning));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tentacle-probe=1\nexecutable=present\n")]
    [InlineData("tentacle-probe=1\nversion.exit=x\ntentacle-probe-end=1\n")]
    [InlineData("tentacle-probe=1\nversion.exit=0\nversion.out=***\ntentacle-probe-end=1\n")]
    public void An_incomplete_or_garbled_report_is_a_format_error(string output) =>
        Assert.Throws<FormatException>(() => ProbeReportParser.Parse(output, "Tentacle"));
}
