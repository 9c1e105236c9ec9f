using Akka.Actor;
using Coordinator.Host.Configuration;
using Coordinator.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordinator.Host;

/// <summary>The process: arguments, configuration, the host's lifetime, and the exit code.</summary>
public static class HostProgram
{
    public const int Stopped = 0;
    public const int Failed = 1;
    public const int ConfigurationError = 2;

    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string> environment,
        string currentDirectory,
        TextWriter stdout,
        TextWriter stderr)
    {
        LoadedSettings loaded;
        try
        {
            var commandLine = HostCommandLine.Parse(args);
            switch (commandLine.Command)
            {
                case HostCommand.Help:
                    await stdout.WriteLineAsync(HostCommandLine.Usage);
                    return Stopped;
                case HostCommand.Version:
                    await stdout.WriteLineAsync(CoordinatorVersion.Current);
                    return Stopped;
            }

            loaded = await CoordinatorSettingsLoader.LoadAsync(commandLine.ConfigFile, environment, currentDirectory);
            await RemoteEndpointProbe.EnsureAvailableAsync(loaded.Settings.RemoteHostname, loaded.Settings.RemotePort);
        }
        catch (CoordinatorConfigurationException e)
        {
            await stderr.WriteLineAsync(ErrorLine(e.Message));
            return ConfigurationError;
        }

        using var host = CoordinatorHost.Build(loaded.Settings);
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Coordinator.Host");
        if (loaded.UnrecognizedVariables.Count > 0)
        {
            log.LogWarning(
                "Ignoring unrecognized environment variables {UnrecognizedVariables}; the host reads {KnownVariables}",
                string.Join(", ", loaded.UnrecognizedVariables),
                string.Join(", ", CoordinatorEnvironment.SettingByVariable.Keys));
        }

        try
        {
            await host.StartAsync();
        }
        catch (CoordinatorConfigurationException e)
        {
            await stderr.WriteLineAsync(ErrorLine(e.Message));
            return ConfigurationError;
        }
        catch (Exception e)
        {
            log.LogCritical(e, "The coordinator failed to start");
            await stderr.WriteLineAsync(ErrorLine($"failed to start: {e.GetBaseException().Message}"));
            return Failed;
        }

        await host.WaitForShutdownAsync();
        return await ExitCodeAfterShutdownAsync(host, log, stderr);
    }

    private static async Task<int> ExitCodeAfterShutdownAsync(IHost host, ILogger log, TextWriter stderr)
    {
        if (!host.Services.GetRequiredService<CoordinatorReadiness>().IsReady)
        {
            // Akka.Hosting logs a failure to start the actors and stops the host without throwing.
            await stderr.WriteLineAsync(ErrorLine("the actor system stopped before the coordinator was ready; see the log above"));
            return Failed;
        }

        // The host stops the actor system with ClrExitReason (Ctrl+C, SIGTERM); any other reason means the
        // system went down on its own, which a service manager should see as a failure and restart.
        var reason = CoordinatedShutdown.Get(host.Services.GetRequiredService<ActorSystem>()).ShutdownReason;
        if (reason is null or CoordinatedShutdown.ClrExitReason)
        {
            return Stopped;
        }

        log.LogError("The actor system terminated on its own ({Reason}); the coordinator stops", reason.GetType().Name);
        return Failed;
    }

    private static string ErrorLine(string message) =>
        "coordinator: error: " + message.ReplaceLineEndings(" ");
}
