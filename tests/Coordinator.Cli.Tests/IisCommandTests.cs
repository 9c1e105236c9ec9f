using System.Collections.Concurrent;
using System.Text.Json;
using Coordinator.Iis;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Iis;
using Coordinator.Protocol.Machines;
using static Coordinator.Protocol.Admin.AdminMessages;

namespace Coordinator.Cli.Tests;

/// <summary><c>coord iis</c> against a stand-in admin actor: what is queued where, follow to the outcome, and bad input refused before anything is queued.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class IisCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("coord-iis-");

    private static IisOperationView View(long number, string description, IisOperationState state, int position = 0, string? detail = null) =>
        new(number, description, "coord iis apply ops.yaml", state, position, state == IisOperationState.Queued ? 0 : 1, DateTimeOffset.UtcNow,
            TimeSpan.FromSeconds(2), state == IisOperationState.Queued ? null : TimeSpan.FromSeconds(1), detail);

    private string OperationsFile(string yaml)
    {
        var path = Path.Combine(_directory.FullName, "ops.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private const string TwoOperations = """
        operations:
          - ensure-app-pool: { name: Shop }
          - ensure-site: { name: Shop, path: 'C:\inetpub\shop', app-pool: Shop, bindings: ['http/*:80:shop.example.com'] }
        """;

    [Fact]
    public async Task Apply_queues_the_files_operations_on_the_host_and_shows_their_numbers_and_positions()
    {
        var asked = new ConcurrentQueue<IisCommands.Enqueue>();
        await using var coordinator = StandInCoordinator.Start(request =>
        {
            if (request is IisCommands.Enqueue enqueue)
            {
                asked.Enqueue(enqueue);
                return new IisCommands.IisOperations(enqueue.Host, [
                    View(7, "Ensure app pool 'Shop'", IisOperationState.Queued, position: 2),
                    View(8, "Ensure site 'Shop'", IisOperationState.Queued, position: 3)]);
            }

            return null;
        });
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(
            ["iis", "apply", "--host", "web-01", "-f", OperationsFile(TwoOperations), "--json", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.Ok, exitCode);
        var enqueue = Assert.Single(asked);
        Assert.Equal("web-01", enqueue.Host);
        Assert.Equal([typeof(EnsureAppPool), typeof(EnsureSite)], enqueue.Operations.Select(o => o.GetType()));
        Assert.Equal(new IisBinding("http", "*", 80, "shop.example.com"), ((EnsureSite)enqueue.Operations[1]).Bindings.Single());
        Assert.StartsWith("cli:", enqueue.RequestKey);
        var host = JsonDocument.Parse(captured.Out).RootElement[0];
        Assert.Equal([7L, 8L], host.GetProperty("operations").EnumerateArray().Select(o => o.GetProperty("number").GetInt64()));
        Assert.Equal([2, 3], host.GetProperty("operations").EnumerateArray().Select(o => o.GetProperty("position").GetInt32()));
    }

    [Fact]
    public async Task Apply_to_an_environment_queues_on_each_host_skips_linux_hosts_and_a_refusal_goes_to_stderr_with_exit_1()
    {
        var hosts = new ConcurrentQueue<string>();
        var refuseWeb03 = true;
        await using var coordinator = StandInCoordinator.Start(request => request switch
        {
            GetFleetStatus => new FleetStatus([
                new MachineSummary("web-02", "Production", MachineStatus.Ready, null, null),
                new MachineSummary("db-01", "Staging", MachineStatus.Ready, null, null),
                new MachineSummary("web-03", "Production", MachineStatus.Ready, null, null),
                new MachineSummary("web-01", "Production", MachineStatus.Ready, null, null)]),
            IisCommands.Enqueue { Host: "web-02" } enqueue => Record(hosts, enqueue,
                new IisCommands.IisRefused("web-02", "web-02 is a Linux host; IIS operations need a Windows host", IisRefusalKind.NotWindows)),
            IisCommands.Enqueue { Host: "web-03" } enqueue when Volatile.Read(ref refuseWeb03) => Record(hosts, enqueue,
                new IisCommands.IisRefused("web-03", "web-03 has not been bootstrapped by this coordinator", IisRefusalKind.NotBootstrapped)),
            IisCommands.Enqueue enqueue => Record(hosts, enqueue, new IisCommands.IisOperations(enqueue.Host, [View(1, "Ensure app pool 'Shop'", IisOperationState.Queued, 1)])),
            _ => null,
        });
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(
            ["iis", "apply", "--environment", "Production", "-f", OperationsFile(TwoOperations), "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);
        Volatile.Write(ref refuseWeb03, false);
        var withoutRefusal = new CapturedTerminal();
        var secondExit = await CoordCommandLine.RunAsync(
            ["iis", "apply", "--environment", "Production", "-f", OperationsFile(TwoOperations), "--endpoint", coordinator.Endpoint.ToString()], withoutRefusal.Terminal);
        var named = new CapturedTerminal();
        var namedExit = await CoordCommandLine.RunAsync(
            ["iis", "apply", "--host", "web-02", "-f", OperationsFile(TwoOperations), "--endpoint", coordinator.Endpoint.ToString()], named.Terminal);

        Assert.Equal((int)ExitCode.OperationFailed, exitCode);
        Assert.Equal(["web-01", "web-02", "web-03"], hosts.Take(3));
        Assert.Contains("coord: web-03: refused: web-03 has not been bootstrapped", captured.Error);
        Assert.Contains("Skipped 1 Linux host (no IIS): web-02", captured.Out);
        Assert.DoesNotContain("web-02", captured.Error);
        Assert.Contains("Ensure app pool 'Shop'", captured.Out);
        Assert.Equal((int)ExitCode.Ok, secondExit);
        Assert.Equal((int)ExitCode.OperationFailed, namedExit);
        Assert.Contains("coord: web-02: refused: web-02 is a Linux host", named.Error);
    }

    [Fact]
    public async Task Follow_prints_each_change_and_ends_with_the_outcomes_exit_1_when_one_failed()
    {
        var polls = 0;
        await using var coordinator = StandInCoordinator.Start(request => request switch
        {
            IisCommands.Enqueue enqueue => new IisCommands.IisOperations(enqueue.Host, [
                View(1, "Ensure app pool 'Shop'", IisOperationState.Queued, 1),
                View(2, "Ensure site 'Shop'", IisOperationState.Queued, 2)]),
            IisCommands.GetOperations query => Interlocked.Increment(ref polls) switch
            {
                1 => new IisCommands.IisOperations(query.Host, [
                    View(1, "Ensure app pool 'Shop'", IisOperationState.Running, 1),
                    View(2, "Ensure site 'Shop'", IisOperationState.Queued, 2)]),
                _ => new IisCommands.IisOperations(query.Host, [
                    View(1, "Ensure app pool 'Shop'", IisOperationState.Changed),
                    View(2, "Ensure site 'Shop'", IisOperationState.Failed, detail: "appcmd add site failed with exit code 183 (a duplicate entry)")]),
            },
            _ => null,
        });
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(
            ["iis", "apply", "--host", "web-01", "-f", OperationsFile(TwoOperations), "--follow", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.OperationFailed, exitCode);
        var lines = captured.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("web-01 #1 Ensure app pool 'Shop': running", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("web-01 #1 Ensure app pool 'Shop': changed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("web-01 #2 Ensure site 'Shop': failed: appcmd add site failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_operations_file_is_refused_with_its_line_before_anything_is_queued()
    {
        var asked = 0;
        await using var coordinator = StandInCoordinator.Start(request =>
        {
            Interlocked.Increment(ref asked);
            return null;
        });
        var file = OperationsFile("""
            operations:
              - ensure-app-pool: { name: Shop }
              - ensure-sight: { name: Shop }
            """);
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["iis", "apply", "--host", "web-01", "-f", file, "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);

        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Contains("ops.yaml:3:", captured.Error);
        Assert.Contains("ensure-site", captured.Error);
        Assert.Contains("nothing was queued", captured.Error);
        Assert.Equal(0, asked);
    }

    [Fact]
    public async Task Apply_needs_exactly_one_target()
    {
        var captured = new CapturedTerminal();
        var exitCode = await CoordCommandLine.RunAsync(["iis", "apply", "-f", OperationsFile(TwoOperations)], captured.Terminal);
        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
        Assert.Contains("--host H for one host, or --environment E", captured.Error);

        var both = new CapturedTerminal();
        exitCode = await CoordCommandLine.RunAsync(["iis", "apply", "-f", OperationsFile(TwoOperations), "--host", "a", "--environment", "b"], both.Terminal);
        Assert.Equal((int)ExitCode.UsageOrConnection, exitCode);
    }

    [Fact]
    public async Task Remove_sites_queues_one_removal_under_the_path_and_refuses_a_relative_path()
    {
        IisCommands.Enqueue? asked = null;
        await using var coordinator = StandInCoordinator.Start(request =>
        {
            if (request is IisCommands.Enqueue enqueue)
            {
                asked = enqueue;
                return new IisCommands.IisOperations(enqueue.Host, [View(3, "Remove the sites, applications and app pools under C:\\inetpub\\old", IisOperationState.Queued, 1)]);
            }

            return null;
        });
        var captured = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(
            ["iis", "remove-sites", "--host", "web-01", "--path", @"C:\inetpub\old", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);
        var relative = new CapturedTerminal();
        var refused = await CoordCommandLine.RunAsync(
            ["iis", "remove-sites", "--host", "web-01", "--path", @"inetpub\old", "--endpoint", coordinator.Endpoint.ToString()], relative.Terminal);

        Assert.Equal((int)ExitCode.Ok, exitCode);
        Assert.Equal(new RemoveUnderPath(@"C:\inetpub\old"), Assert.Single(asked!.Operations));
        Assert.Equal((int)ExitCode.UsageOrConnection, refused);
        Assert.Contains("--path", relative.Error);
    }

    [Fact]
    public async Task Queue_shows_the_operation_in_flight_the_queue_and_the_finished_and_cancel_shows_the_refusal()
    {
        await using var coordinator = StandInCoordinator.Start(request => request switch
        {
            IisCommands.GetQueue query => new IisQueue(query.Host, null,
                [View(4, "Ensure site 'Shop'", IisOperationState.Running, 1), View(5, "Ensure app pool 'Blog'", IisOperationState.Queued, 2)],
                [View(3, "Remove site 'Old'", IisOperationState.Changed)]),
            IisCommands.Cancel cancel => new IisCommands.IisRefused(cancel.Host, $"#{cancel.Number} on {cancel.Host} is running: an IIS write is not stopped halfway"),
            _ => null,
        });
        var captured = new CapturedTerminal();
        var cancelled = new CapturedTerminal();

        var exitCode = await CoordCommandLine.RunAsync(["iis", "queue", "--host", "web-01", "--json", "--endpoint", coordinator.Endpoint.ToString()], captured.Terminal);
        var cancelExit = await CoordCommandLine.RunAsync(["iis", "cancel", "--host", "web-01", "--id", "4", "--endpoint", coordinator.Endpoint.ToString()], cancelled.Terminal);

        Assert.Equal((int)ExitCode.Ok, exitCode);
        var queue = JsonDocument.Parse(captured.Out).RootElement[0];
        Assert.Equal(4, queue.GetProperty("inFlight").GetInt64());
        Assert.Equal([4L, 5L], queue.GetProperty("pending").EnumerateArray().Select(o => o.GetProperty("number").GetInt64()));
        Assert.Equal("queued", queue.GetProperty("pending")[1].GetProperty("state").GetString());
        Assert.Equal(2000, queue.GetProperty("pending")[1].GetProperty("waitedMs").GetInt64());
        Assert.Equal((int)ExitCode.OperationFailed, cancelExit);
        Assert.Contains("coord: web-01: #4 on web-01 is running", cancelled.Error);
    }

    private static object Record(ConcurrentQueue<string> hosts, IisCommands.Enqueue enqueue, object reply)
    {
        hosts.Enqueue(enqueue.Host);
        return reply;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
