using System.CommandLine;
using System.Diagnostics;

namespace Coordinator.Lab.Cli.Commands;

/// <summary>
/// <c>lab up N</c>: starts a lab that outlives the command. The lab belongs to a <c>lab serve</c>
/// process started in the background (it holds the hosts' addresses); <c>up</c> waits until that
/// process has written lab.json, prints how to reach the hosts and returns.
/// </summary>
internal static class UpCommand
{
    // Long enough for a first run that has to install openssh-server.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static Command Create()
    {
        var shape = new LabShape();
        var state = StateDirectoryOption.Create();
        var command = new Command("up", "Start a lab in the background and print how to reach its hosts.");
        shape.AddTo(command);
        command.Options.Add(state);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var directory = StateDirectoryOption.Value(parsed, state);
            if (await RunningLab.OpenAsync(directory, cancellationToken) is { } existing)
            {
                if (existing.State.OwnerIsAlive)
                {
                    await Console.Error.WriteLineAsync($"A lab is already up in {directory}. Stop it first: lab down --state {directory}");
                    return ExitCodes.Failed;
                }

                // Its owner died: clear up whatever hosts it left before starting anew.
                await existing.StopAsync(cancellationToken);
            }

            shape.ToOptions(parsed, directory); // rejects a malformed --windows-tool or --windows-file here, not in the background
            Directory.CreateDirectory(directory);
            var log = Path.Combine(directory, "lab.log");
            File.Delete(log);
            using var owner = StartOwner(["serve", .. shape.ToArguments(parsed), "--state", directory], log);
            var lab = await WaitUntilUpAsync(directory, owner, cancellationToken);
            if (lab is null)
            {
                await Console.Error.WriteLineAsync($"The lab did not come up. The end of {log}:");
                await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, (await File.ReadAllLinesAsync(log, cancellationToken)).TakeLast(20)));
                return ExitCodes.Failed;
            }

            LabSummary.Write(lab);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Starts <c>lab serve</c> in a session of its own, detached from this terminal, its output in <paramref name="log"/>.</summary>
    private static Process StartOwner(IEnumerable<string> arguments, string log)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid \"$@\" </dev/null >>\"$0\" 2>&1");
        start.ArgumentList.Add(log);
        foreach (var argument in ThisProgram().Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new LabException("Could not start lab serve.");
    }

    /// <summary>How to run this program again: the apphost, or <c>dotnet lab.dll</c>.</summary>
    private static IEnumerable<string> ThisProgram()
    {
        var host = Environment.ProcessPath ?? throw new LabException("Cannot tell which program this is.");
        yield return host;
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            yield return typeof(UpCommand).Assembly.Location;
        }
    }

    private static async Task<LabState?> WaitUntilUpAsync(string directory, Process owner, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await LabState.ReadAsync(directory, cancellationToken) is { } state && state.OwnerProcessId == owner.Id)
            {
                return state;
            }

            if (owner.HasExited)
            {
                return null;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        owner.Kill();
        return null;
    }
}
