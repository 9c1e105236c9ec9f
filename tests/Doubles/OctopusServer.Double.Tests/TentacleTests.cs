using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using OctopusServer.Double.State;

namespace OctopusServer.Double.Tests;

/// <summary>Discovery and health checks against a real TLS listener that speaks the MX convention.</summary>
public sealed class TentacleTests : ServerTest
{
    [Fact]
    public async Task Discovery_returns_an_unsaved_machine_with_the_thumbprint_the_tentacle_presented()
    {
        await using var tentacle = MxTentacleListener.Start();

        var machine = await GetJsonAsync($"api/Spaces-1/machines/discover?host=127.0.0.1&port={tentacle.Port}&type=TentaclePassive");

        Assert.Equal(tentacle.Thumbprint, (string?)machine["Endpoint"]!["Thumbprint"]);
        Assert.Equal("TentaclePassive", (string?)machine["Endpoint"]!["CommunicationStyle"]);
        Assert.Equal(tentacle.Uri, (string?)machine["Endpoint"]!["Uri"]);
        Assert.Null(machine["Id"]);
        Assert.Empty(Server.State.Machines);
    }

    [Fact]
    public async Task Discovery_of_a_port_nobody_listens_on_is_refused()
    {
        using var response = await Api.GetAsync($"api/Spaces-1/machines/discover?host=127.0.0.1&port={ClosedPort()}&type=TentaclePassive");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Unable to connect", (string?)(await ReadJsonAsync(response))["Errors"]![0]);
    }

    [Fact]
    public async Task A_health_check_of_a_trusting_tentacle_succeeds_and_marks_it_healthy()
    {
        await using var tentacle = MxTentacleListener.Start(Server.ServerThumbprint);
        var machine = await CreateMachineAsync(MachineBody("web-01", tentacle.Thumbprint, tentacle.Uri));

        var started = await StartHealthCheckAsync((string)machine["Id"]!);
        var task = await WaitForCompletionAsync(started);

        Assert.Matches("^ServerTasks-[0-9]+$", (string?)started["Id"]);
        Assert.Contains((string?)started["State"], new[] { "Queued", "Executing", "Success" });
        Assert.Equal("Success", (string?)task["State"]);
        Assert.True((bool?)task["FinishedSuccessfully"]);
        Assert.Null((string?)task["ErrorMessage"]);
        Assert.NotNull((string?)task["StartTime"]);
        Assert.NotNull((string?)task["CompletedTime"]);
        Assert.Equal($"/api/tasks/{started["Id"]}", (string?)task["Links"]!["Self"]);
        var checkedMachine = await GetJsonAsync($"api/Spaces-1/machines/{machine["Id"]}");
        Assert.Equal("Healthy", (string?)checkedMachine["HealthStatus"]);
        Assert.Equal("Online", (string?)checkedMachine["Status"]);
        Assert.Equal(Server.ServerThumbprint, Assert.Single(tentacle.ClientThumbprints));
    }

    [Theory]
    [InlineData("0E80576D3BD8D40854802A4F8340A2E23AE961FD")]
    [InlineData(null)]
    public async Task A_health_check_fails_a_tentacle_presenting_another_thumbprint(string? pinned)
    {
        await using var tentacle = MxTentacleListener.Start(Server.ServerThumbprint);

        // Without an explicit value, pin the right thumbprint in lower case: the comparison is exact.
        pinned ??= tentacle.Thumbprint.ToLowerInvariant();
        var machine = await CreateMachineAsync(MachineBody("web-01", pinned, tentacle.Uri));

        var task = await WaitForCompletionAsync(await StartHealthCheckAsync((string)machine["Id"]!));

        var expected =
            $"The server at {tentacle.Uri} presented an unexpected security certificate. We expected the server to present a " +
            $"certificate with the thumbprint '{pinned}'. Instead, it presented a certificate with a thumbprint of " +
            $"'{tentacle.Thumbprint}' and subject 'CN=Octopus Tentacle'.";
        Assert.Equal("Failed", (string?)task["State"]);
        Assert.False((bool?)task["FinishedSuccessfully"]);
        Assert.Contains(expected, (string?)task["ErrorMessage"]);
        var record = Server.State.FindMachine((string)machine["Id"]!)!;
        Assert.Equal(HealthStatuses.Unavailable, record.HealthStatus);
        Assert.Equal("Offline", record.Status);
        Assert.Equal(expected, record.StatusSummary);
    }

    [Fact]
    public async Task A_health_check_fails_a_tentacle_that_does_not_trust_the_server()
    {
        await using var tentacle = MxTentacleListener.Start("9999999999999999999999999999999999999999");
        var machine = await CreateMachineAsync(MachineBody("web-01", tentacle.Thumbprint, tentacle.Uri));

        var task = await WaitForCompletionAsync(await StartHealthCheckAsync((string)machine["Id"]!));

        Assert.Equal("Failed", (string?)task["State"]);
        var record = Server.State.FindMachine((string)machine["Id"]!)!;
        Assert.Equal(HealthStatuses.Unavailable, record.HealthStatus);
        Assert.Contains("does not trust this Octopus Server", record.StatusSummary);
        Assert.Contains(Server.ServerThumbprint, record.StatusSummary);
    }

    [Fact]
    public async Task A_health_check_marks_a_refusing_machine_unavailable()
    {
        var machine = await CreateMachineAsync(MachineBody("web-01", "0E80576D3BD8D40854802A4F8340A2E23AE961FD", $"https://127.0.0.1:{ClosedPort()}/"));

        var task = await WaitForCompletionAsync(await StartHealthCheckAsync((string)machine["Id"]!));

        Assert.Equal("Failed", (string?)task["State"]);
        var checkedMachine = await GetJsonAsync($"api/Spaces-1/machines/{machine["Id"]}");
        Assert.Equal("Unavailable", (string?)checkedMachine["HealthStatus"]);
        Assert.Equal("Offline", (string?)checkedMachine["Status"]);
    }

    [Fact]
    public async Task A_health_check_gives_up_on_a_silent_machine_after_the_machine_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var machine = await CreateMachineAsync(MachineBody("web-01", "0E80576D3BD8D40854802A4F8340A2E23AE961FD", $"https://127.0.0.1:{port}/"));

        var task = await WaitForCompletionAsync(await StartHealthCheckAsync((string)machine["Id"]!, machineTimeout: "00:00:01"));

        Assert.Equal("Failed", (string?)task["State"]);
        var record = Server.State.FindMachine((string)machine["Id"]!)!;
        Assert.Equal(HealthStatuses.Unavailable, record.HealthStatus);
        Assert.Contains("did not respond within 00:00:01", record.StatusSummary);
    }
}
