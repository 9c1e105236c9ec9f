using System.Text;
using System.Text.Json;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;
using static Coordinator.Protocol.Admin.AdminMessages;

namespace Coordinator.Cli.Tests;


/// <summary><c>coord certs</c> and <c>coord forget</c> against a stand-in admin actor: passwords never from the command line, files never overwritten, forgetting only when confirmed.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CertsCommandTests : IDisposable
{
    private const string Thumbprint = "DF5C6B8BD9B9BB1A92A14376A98C314DF6EC381C";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("coord-certs-");

    [Fact]
    public async Task List_shows_each_machines_thumbprint()
    {
        await using var coordinator = StandInCoordinator.Start(request => request is GetFleetStatus
            ? new FleetStatus([
                new MachineSummary("web-02", "Production", MachineStatus.Enrolled, null, null),
                new MachineSummary("web-01", "Production", MachineStatus.Ready, DateTimeOffset.UtcNow, null, Thumbprint)])
            : null);
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["certs", "list", "--json", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.Ok, exitCode);
        var rows = JsonDocument.Parse(captured.Out).RootElement;
        Assert.Equal(("web-01", Thumbprint), (rows[0].GetProperty("host").GetString(), rows[0].GetProperty("thumbprint").GetString()));
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("thumbprint").ValueKind);
    }

    [Fact]
    public async Task Export_takes_the_password_from_a_file_and_writes_an_owner_only_file()
    {
        CertificateMessages.Export? asked = null;
        await using var coordinator = StandInCoordinator.Start(request =>
        {
            if (request is CertificateMessages.Export export)
            {
                asked = export;
                return new CertificateMessages.Exported(export.Host, Thumbprint, Encoding.ASCII.GetBytes("pfx bytes"));
            }

            return null;
        });
        var password = Write("password", "s3cret\n");
        var output = Path.Combine(_directory.FullName, "web-01.pfx");
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(
            ["certs", "export", "--host", "web-01", "--out", output, "--password-file", password, "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.Ok, exitCode);
        Assert.Equal(("web-01", "s3cret"), (asked!.Host, asked.Password));
        Assert.Equal("pfx bytes", await File.ReadAllTextAsync(output));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
        Assert.DoesNotContain("s3cret", captured.Out + captured.Error);
    }

    [Fact]
    public async Task Export_needs_a_password_source_and_never_overwrites_a_file()
    {
        var captured = new CapturedTerminal();
        var exitCode = await CoordCommandLine.RunAsync(["certs", "export", "--host", "web-01", "--out", Path.Combine(_directory.FullName, "x.pfx")], captured.Terminal);
        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Contains("--password-file FILE or --password-env NAME", captured.Error);

        var existing = Write("existing.pfx", "keep me");
        var again = new CapturedTerminal(name => name == "PFX_PASSWORD" ? "pw" : null);
        exitCode = await CoordCommandLine.RunAsync(["certs", "export", "--host", "web-01", "--out", existing, "--password-env", "PFX_PASSWORD"], again.Terminal);
        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Contains("already exists", again.Error);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
    }

    [Fact]
    public async Task Import_sends_the_pfx_with_its_password_and_the_coordinators_refusal_is_shown()
    {
        CertificateMessages.Adopt? asked = null;
        await using var coordinator = StandInCoordinator.Start(request =>
        {
            if (request is CertificateMessages.Adopt adopt)
            {
                asked = adopt;
                return new RequestFailed($"web-01 already has the retained certificate {Thumbprint}; importing X would change its identity in Octopus. Pass --replace to do it anyway.");
            }

            return null;
        });
        var pfx = Write("old.pfx", "pfx");
        var captured = new CapturedTerminal(name => name == "PFX_PASSWORD" ? "pw" : null);

        var exitCode = await CoordCommandLine.RunAsync(
            ["certs", "import", "--host", "web-01", "--pfx", pfx, "--password-env", "PFX_PASSWORD", "-e", "Production", "--endpoint", coordinator.Endpoint.ToString()],
            captured.Terminal);

        Assert.Equal((int)ExitCode.OperationFailed, exitCode);
        Assert.Equal(("web-01", "Production", "pfx", "pw", false), (asked!.Host, asked.Environment, Encoding.ASCII.GetString(asked.Pfx), asked.Password, asked.Replace));
        Assert.Contains("Pass --replace", captured.Error);
    }

    [Fact]
    public async Task Forget_without_anyone_to_confirm_needs_yes_and_sends_nothing()
    {
        var sent = new List<object>();
        await using var coordinator = StandInCoordinator.Start(request => { sent.Add(request); return null; });
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["forget", "--host", "web-01", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Contains("pass --yes", captured.Error);
        Assert.Empty(sent);
    }

    [Fact]
    public async Task Forget_goes_ahead_only_when_the_host_name_is_typed_back()
    {
        var sent = new List<object>();
        await using var coordinator = StandInCoordinator.Start(request =>
        {
            sent.Add(request);
            return request is CertificateMessages.Forget forget ? new CertificateMessages.Forgot(forget.Host, Thumbprint, "deleted Machines-3") : null;
        });
        var wrong = new CapturedTerminal(input: "web-02\n");
        var right = new CapturedTerminal(input: "web-01\n");

        var refused = await CoordCommandLine.RunAsync(["forget", "--host", "web-01", "--endpoint", coordinator.Endpoint.ToString()], wrong.Terminal);
        Assert.Empty(sent);
        var confirmed = await CoordCommandLine.RunAsync(["forget", "--host", "web-01", "--endpoint", coordinator.Endpoint.ToString()], right.Terminal);

        Assert.Equal((int)ExitCode.UsageOrConnection, refused);
        Assert.Contains("nothing was changed", wrong.Error);
        Assert.Equal((int)ExitCode.Ok, confirmed);
        Assert.Single(sent.OfType<CertificateMessages.Forget>());
        Assert.Contains("deleted Machines-3", right.Out);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
