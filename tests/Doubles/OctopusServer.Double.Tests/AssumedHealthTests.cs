using OctopusServer.Double.State;

namespace OctopusServer.Double.Tests;

/// <summary>Health checks under <see cref="OctopusServerDoubleOptions.AssumeTentaclesHealthy"/>, the benchmark's setting.</summary>
public sealed class AssumedHealthTests : ServerTest
{
    protected override OctopusServerDoubleOptions Options => base.Options with { AssumeTentaclesHealthy = true };

    [Fact]
    public async Task A_health_check_marks_a_machine_healthy_without_connecting_to_it()
    {
        // Nothing listens there: a health check that connected would mark it Unavailable (see TentacleTests).
        var uri = $"https://127.0.0.1:{ClosedPort()}/";
        var machine = await CreateMachineAsync(MachineBody("web-01", "0E80576D3BD8D40854802A4F8340A2E23AE961FD", uri));

        var task = await WaitForCompletionAsync(await StartHealthCheckAsync((string)machine["Id"]!));

        Assert.Equal("Success", (string?)task["State"]);
        Assert.True((bool?)task["FinishedSuccessfully"]);
        var record = Server.State.FindMachine((string)machine["Id"]!)!;
        Assert.Equal(HealthStatuses.Healthy, record.HealthStatus);
        Assert.Equal("Online", record.Status);
        Assert.Contains($"The Tentacle at {uri} is assumed healthy", record.StatusSummary);
    }
}
