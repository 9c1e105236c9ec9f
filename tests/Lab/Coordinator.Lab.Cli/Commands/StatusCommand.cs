using System.CommandLine;

namespace Coordinator.Lab.Cli.Commands;

/// <summary><c>lab status</c>: the lab's hosts and whether each answers SSH right now.</summary>
internal static class StatusCommand
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var state = StateDirectoryOption.Create();
        var command = new Command("status", "Show the lab's hosts and whether each answers SSH.") { state };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var directory = StateDirectoryOption.Value(parsed, state);
            if (await RunningLab.OpenAsync(directory, cancellationToken) is not { } lab)
            {
                Console.WriteLine($"No lab is up in {directory}.");
                return ExitCodes.Failed;
            }

            var probes = lab.Hosts.Select(async host => (host.Name, Answers: await host.AnswersSshAsync(ProbeTimeout, cancellationToken)));
            var answering = (await Task.WhenAll(probes)).ToDictionary(probe => probe.Name, probe => probe.Answers);
            LabSummary.Write(lab.State, answering);
            return answering.Values.All(answers => answers) ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
