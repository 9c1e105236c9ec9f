using System.CommandLine;
using System.Runtime.InteropServices;

namespace Coordinator.Lab.Cli.Commands;

/// <summary>
/// <c>lab serve</c> (hidden; <c>lab up</c> runs it): owns a lab until SIGTERM, SIGINT or SIGHUP, then
/// stops its hosts and frees their addresses.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var shape = new LabShape();
        var state = StateDirectoryOption.Create();
        var command = new Command("serve", "Run a lab in the foreground until told to stop.") { Hidden = true };
        shape.AddTo(command);
        command.Options.Add(state);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var stopRequested = new TaskCompletionSource();
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);

            var directory = StateDirectoryOption.Value(parsed, state);
            var linux = parsed.GetValue(shape.Linux);
            var windows = parsed.GetValue(shape.Windows);
            Console.WriteLine($"{DateTime.Now:O} starting {linux} Linux and {windows} Windows host(s) in {directory}");
            await using (var lab = await LabFixture.StartAsync(linux, windows, shape.ToOptions(parsed, directory), stop.Token))
            {
                Console.WriteLine($"{DateTime.Now:O} up: {string.Join(", ", lab.Hosts.Select(host => $"{host.Name}={host.Address}"))}");
                await stopRequested.Task;
                Console.WriteLine($"{DateTime.Now:O} stopping");
            }

            Console.WriteLine($"{DateTime.Now:O} stopped");
            return ExitCodes.Ok;

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stopRequested.TrySetResult();
                stop.Cancel();
            }
        });
        return command;
    }
}
