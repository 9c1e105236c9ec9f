using System.Text.Json;
using static Coordinator.Protocol.Admin.AdminMessages;

namespace Coordinator.Cli.Tests;

/// <summary>The built <c>coord</c> as a process: exit codes, stdout and stderr exactly as scripts see them.</summary>
public sealed class CoordProcessTests
{
    [Fact]
    public async Task Without_a_coordinator_ping_says_where_it_looked_on_one_line_and_exits_2()
    {
        var endpoint = $"127.0.0.1:{CoordProcess.UnusedPort()}";

        var result = await CoordProcess.RunAsync(["ping", "--endpoint", endpoint]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Equal(
            $"coord: no coordinator at {endpoint} (connection refused). Start one with ./build.sh --target=Run, " +
            "or point --endpoint / COORD_ENDPOINT at a running host.",
            line);
    }

    [Fact]
    public async Task Without_a_coordinator_the_endpoint_from_COORD_ENDPOINT_is_the_one_named()
    {
        var endpoint = $"127.0.0.1:{CoordProcess.UnusedPort()}";

        var result = await CoordProcess.RunAsync(["status", "--json"], new Dictionary<string, string> { ["COORD_ENDPOINT"] = endpoint });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith($"coord: no coordinator at {endpoint} (connection refused).", result.Error);
    }

    [Fact]
    public async Task Ping_against_a_coordinator_writes_only_json_to_stdout()
    {
        var pong = new Pong("9.9.9", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), "postgres", "db.internal/coordinator", "akka.tcp://coordinator@127.0.0.1:1");
        await using var coordinator = StandInCoordinator.Start(request => request is Ping ? pong : null);

        var result = await CoordProcess.RunAsync(["ping", "--json", "--endpoint", coordinator.Endpoint.ToString()]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal("9.9.9", document.RootElement.GetProperty("version").GetString());
        Assert.Equal("db.internal/coordinator", document.RootElement.GetProperty("storeLocation").GetString());
    }

    [Fact]
    public async Task Version_prints_the_product_version()
    {
        var result = await CoordProcess.RunAsync(["--version"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Out.Trim());
    }

    [Fact]
    public async Task An_unknown_command_exits_2()
    {
        var result = await CoordProcess.RunAsync(["frobnicate"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("frobnicate", result.Error);
    }
}
