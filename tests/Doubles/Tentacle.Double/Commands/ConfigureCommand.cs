using System.Globalization;
using System.Net;
using Tentacle.Double.Configuration;

namespace Tentacle.Double.Commands;

/// <summary>
/// <c>configure</c>: trust changes first (reset, remove, add), then the directory, port and listen settings in
/// the order they appear on the command line, each announcing itself.
/// </summary>
internal sealed class ConfigureCommand : InstanceCommand
{
    readonly List<Action<CommandContext, TentacleSettings>> settingChanges = [];
    readonly List<string> thumbprintsToAdd = [];
    readonly List<string> thumbprintsToRemove = [];
    bool resetTrust;

    public ConfigureCommand()
    {
        Options.Value("home|homedir", v => settingChanges.Add((context, settings) =>
        {
            var directory = EnsureDirectory(context, v);
            settings.HomeDirectory = directory;
            context.Info("Home directory set to: " + directory);
        }));
        Options.Value("app|appdir", v => settingChanges.Add((context, settings) =>
        {
            var directory = EnsureDirectory(context, v);
            settings.ApplicationDirectory = directory;
            context.Info("Application directory set to: " + directory);
        }));
        Options.Value("port", v => settingChanges.Add((context, settings) =>
        {
            settings.Port = int.Parse(v, CultureInfo.InvariantCulture);
            context.Info("Services listen port: " + v);
        }));
        Options.Value("noListen", v => settingChanges.Add((context, settings) => SetNoListen(context, settings, bool.Parse(v))));
        Options.Value("listenIpAddress", v => settingChanges.Add((context, settings) =>
        {
            if (string.Equals(v, "any", StringComparison.OrdinalIgnoreCase))
            {
                settings.ListenIpAddress = null;
                context.Info("Listen on any IP address");
                return;
            }

            var address = IPAddress.Parse(v);
            settings.ListenIpAddress = v;
            context.Info("Listen on IP address: " + address);
        }));
        Options.Value("trust", thumbprintsToAdd.Add);
        Options.Value("remove-trust", thumbprintsToRemove.Add);
        Options.Flag("reset-trust", () => resetTrust = true);
    }

    public override Task ExecuteAsync(CommandContext context, CancellationToken cancellation)
    {
        var settings = LoadInstance(context).Settings;
        var trusted = settings.TrustedServers.ToList();

        if (resetTrust)
        {
            context.Info("Removing all trusted Octopus Servers...");
            trusted.Clear();
            context.VoteForRestart();
        }

        if (thumbprintsToRemove.Count > 0)
        {
            context.Info($"Removing {thumbprintsToRemove.Count} trusted Octopus Servers");
            trusted.RemoveAll(s => thumbprintsToRemove.Contains(s.Thumbprint, StringComparer.Ordinal));
            context.VoteForRestart();
        }

        if (thumbprintsToAdd.Count > 0)
        {
            context.Info($"Adding {thumbprintsToAdd.Count} trusted Octopus Servers");
            foreach (var thumbprint in thumbprintsToAdd)
            {
                trusted.RemoveAll(s => s.Thumbprint == thumbprint);
                trusted.Add(new TrustedServer(thumbprint, CommunicationStyle.TentaclePassive));
            }

            context.VoteForRestart();
        }

        settings.TrustedServers = trusted;
        foreach (var change in settingChanges)
        {
            change(context, settings);
            context.VoteForRestart();
        }

        settings.Save();
        return Task.CompletedTask;
    }

    /// <summary>Servers trusted by this same command poll rather than listen when the Tentacle stops listening.</summary>
    void SetNoListen(CommandContext context, TentacleSettings settings, bool noListen)
    {
        settings.NoListen = noListen;
        var style = noListen ? CommunicationStyle.TentacleActive : CommunicationStyle.TentaclePassive;
        settings.TrustedServers = settings.TrustedServers
            .Select(s => thumbprintsToAdd.Contains(s.Thumbprint) ? s with { CommunicationStyle = style } : s)
            .ToList();
        context.Info(noListen ? "Tentacle will not listen on a port" : "Tentacle will listen on a TCP port");
    }

    static string EnsureDirectory(CommandContext context, string directory)
    {
        var full = context.Paths.FullPath(directory);
        Directory.CreateDirectory(context.Paths.ToLocal(full));
        return full;
    }
}
