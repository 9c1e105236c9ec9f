using System.Net;
using System.Net.Sockets;

namespace Coordinator.Octopus.Tests;

/// <summary>Health checks run by the server double against a real TLS listener.</summary>
public sealed class HealthCheckTests : OctopusTest
{
    [Fact]
    public async Task A_registered_tentacle_that_trusts_the_server_is_healthy()
    {
        await using var tentacle = ListeningTentacle.Trusting(Server.ServerThumbprint);
        var machineId = await RegisterAsync(tentacle.Port, tentacle.Thumbprint);

        var result = await Client.HealthChecks.RunAsync([machineId]);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal("Success", result.Task.State);
        Assert.False(result.DeadlineReached);
        var health = Assert.Single(result.Machines);
        Assert.Equal(new MachineHealth(machineId, "web-01", "Healthy", health.StatusSummary), health);
        var started = Assert.Single(RequestsTo("POST", "/api/Spaces-1/tasks"));
        Assert.Equal(201, started.StatusCode);
        Assert.NotEmpty(RequestsTo("GET", $"/api/tasks/{result.Task.Id}"));
    }

    [Fact]
    public async Task A_tentacle_presenting_another_certificate_fails_with_octopus_explanation()
    {
        await using var tentacle = ListeningTentacle.Trusting(Server.ServerThumbprint);
        var pinned = NewThumbprint();
        var machineId = await RegisterAsync(tentacle.Port, pinned);

        var result = await Client.HealthChecks.RunAsync([machineId]);

        Assert.False(result.Succeeded);
        Assert.False(result.DeadlineReached);
        Assert.Equal("Failed", result.Task.State);
        var health = Assert.Single(result.Machines);
        Assert.Equal("Unavailable", health.HealthStatus);
        Assert.Contains($"We expected the server to present a certificate with the thumbprint '{pinned}'", health.StatusSummary);
        Assert.Contains(tentacle.Thumbprint, result.Summary);
    }

    [Fact]
    public async Task A_tentacle_that_does_not_trust_the_server_fails()
    {
        await using var tentacle = ListeningTentacle.Trusting(NewThumbprint());
        var machineId = await RegisterAsync(tentacle.Port, tentacle.Thumbprint);

        var result = await Client.HealthChecks.RunAsync([machineId]);

        Assert.Equal("Failed", result.Task.State);
        Assert.Contains("does not trust this Octopus Server", Assert.Single(result.Machines).StatusSummary);
    }

    [Fact]
    public async Task Waiting_stops_at_the_deadline_while_the_check_is_still_running()
    {
        // Accepts connections but never speaks TLS, so the check waits for its one-minute machine timeout.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var machineId = await RegisterAsync(((IPEndPoint)silent.LocalEndpoint).Port, NewThumbprint());

        var result = await Client.HealthChecks.RunAsync([machineId], deadline: TimeSpan.FromMilliseconds(300));

        Assert.True(result.DeadlineReached);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Task.State, new[] { "Queued", "Executing" });
        Assert.Contains("still", result.Summary);
    }

    [Fact]
    public async Task An_empty_machine_list_is_refused_rather_than_checking_the_whole_space()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.HealthChecks.RunAsync([]));
    }

    private async Task<string> RegisterAsync(int port, string thumbprint)
    {
        var outcome = await new MachineRegistration(Client).RegisterAsync(Desired("web-01", thumbprint, host: "127.0.0.1", port: port));
        return Assert.IsType<RegistrationOutcome.Created>(outcome).MachineId;
    }
}
