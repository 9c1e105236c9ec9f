using System.CommandLine;

namespace Coordinator.Lab.Cli.Commands;

/// <summary><c>lab down</c>: stops the lab in a state directory, whoever started it.</summary>
internal static class DownCommand
{
    public static Command Create()
    {
        var state = StateDirectoryOption.Create();
        var command = new Command("down", "Stop the lab: its owner process, every host, and remove lab.json.") { state };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var directory = StateDirectoryOption.Value(parsed, state);
            if (await RunningLab.OpenAsync(directory, cancellationToken) is not { } lab)
            {
                Console.WriteLine($"No lab is up in {directory}.");
                return ExitCodes.Ok;
            }

            await lab.StopAsync(cancellationToken);
            Console.WriteLine($"The lab in {directory} is down ({lab.Hosts.Count} host(s) stopped). Its files stay there for inspection.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
