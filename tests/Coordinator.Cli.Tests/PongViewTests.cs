using System.Text.Json;
using Coordinator.Cli.Output;
using static Coordinator.Protocol.Admin.AdminMessages;

namespace Coordinator.Cli.Tests;

public sealed class PongViewTests
{
    private static readonly Pong Pong = new(
        Version: "0.1.0+abc123",
        StartedAt: new DateTimeOffset(2025, 3, 1, 8, 30, 0, TimeSpan.FromHours(2)),
        Uptime: new TimeSpan(1, 2, 3, 4),
        StoreKind: "sqlite",
        StoreLocation: "/var/lib/coordinator/journal.db",
        NodeAddress: "akka.tcp://coordinator@127.0.0.1:4053");

    [Fact]
    public void Shows_version_uptime_store_and_node_as_aligned_plain_lines()
    {
        var captured = new CapturedTerminal();

        new CommandOutput(captured.Terminal, json: false).Show(new PongView(Pong));

        var lines = captured.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd()).ToArray();
        Assert.Equal(
            [
                "Version  0.1.0+abc123",
                "Uptime   1d 2h (since 2025-03-01 06:30:00Z)",
                "Store    sqlite /var/lib/coordinator/journal.db",
                "Node     akka.tcp://coordinator@127.0.0.1:4053",
            ],
            lines);
        Assert.DoesNotContain('\u001b', captured.Out);
    }

    [Fact]
    public void Json_is_one_object_with_every_field()
    {
        var captured = new CapturedTerminal();

        new CommandOutput(captured.Terminal, json: true).Show(new PongView(Pong));

        using var document = JsonDocument.Parse(captured.Out);
        var root = document.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal("0.1.0+abc123", root.GetProperty("version").GetString());
        Assert.Equal(Pong.StartedAt, root.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal((long)Pong.Uptime.TotalSeconds, root.GetProperty("uptimeSeconds").GetInt64());
        Assert.Equal("sqlite", root.GetProperty("storeKind").GetString());
        Assert.Equal("/var/lib/coordinator/journal.db", root.GetProperty("storeLocation").GetString());
        Assert.Equal("akka.tcp://coordinator@127.0.0.1:4053", root.GetProperty("nodeAddress").GetString());
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(42, "42s")]
    [InlineData(61, "1m 1s")]
    [InlineData(3_600 + 120, "1h 2m")]
    [InlineData(3 * 86_400 + 4 * 3_600 + 59, "3d 4h")]
    [InlineData(-5, "0s")]
    public void Uptime_reads_as_its_two_largest_units(int seconds, string expected)
    {
        Assert.Equal(expected, PongView.FormatUptime(TimeSpan.FromSeconds(seconds)));
    }
}
