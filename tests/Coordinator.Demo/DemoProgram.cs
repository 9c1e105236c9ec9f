using Spectre.Console;

namespace Coordinator.Demo;

/// <summary>
/// <c>./build.sh --target=Demo</c>: ten lab hosts (eight Linux, two Windows-flavoured) and the Octopus Server double
/// come up, the coordinator host starts on SQLite, <c>coord bootstrap --follow</c> brings every host into Octopus (the
/// Windows hosts with their IIS baseline), <c>coord iis apply</c> queues more IIS writes through each Windows host's
/// gate, three hosts are destroyed and recreated, and a second bootstrap brings them back as the same machines with
/// the same thumbprints and the baseline. Everything is torn down at the end. Exit code 0 when every machine came back
/// unchanged and every Windows host has its baseline.
/// </summary>
public static class DemoProgram
{
    public static async Task<int> Main()
    {
        var console = AnsiConsole.Console;
        if (Environment.UserName != "root")
        {
            console.MarkupLine("[red]The demo's lab hosts are sshd processes in their own Linux namespaces: run it as root (sudo).[/]");
            return 2;
        }

        await using var demo = await DemoFleet.StartAsync(linux: 8, windows: 2, console);
        return await demo.RunAsync();
    }
}
