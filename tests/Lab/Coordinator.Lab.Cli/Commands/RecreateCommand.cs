using System.CommandLine;

namespace Coordinator.Lab.Cli.Commands;

/// <summary><c>lab recreate NAME</c>: rebuilds one host as a new VM with the same name and address.</summary>
internal static class RecreateCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The host to rebuild, e.g. lab-03." };
        var state = StateDirectoryOption.Create();
        var command = new Command("recreate", "Destroy a host and build it afresh: new host key, machine id and empty Tentacle state.") { name, state };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var directory = StateDirectoryOption.Value(parsed, state);
            if (await RunningLab.OpenAsync(directory, cancellationToken) is not { } lab)
            {
                await Console.Error.WriteLineAsync($"No lab is up in {directory}.");
                return ExitCodes.Failed;
            }

            var host = lab.Host(parsed.GetValue(name)!);
            await host.RecreateAsync(cancellationToken);
            Console.WriteLine($"{host.Name} is rebuilt; its new host key is {host.HostKeyFingerprint}. {lab.State.KnownHostsPath} has it.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
