using Tentacle.Double.Configuration;
using Tentacle.Double.Instances;

namespace Tentacle.Double.Commands;

/// <summary><c>create-instance</c>: creates the configuration file if needed and (re)registers the instance.</summary>
internal sealed class CreateInstanceCommand : TentacleCommand
{
    string? instanceName;
    string? configurationPath;
    string? homeDirectory;

    public CreateInstanceCommand()
    {
        Options.Value("instance", v => instanceName = v);
        Options.Value("config", v => configurationPath = v);
        Options.Value("home|homedir", v => homeDirectory = v);
    }

    public override Task ExecuteAsync(CommandContext context, CancellationToken cancellation)
    {
        var paths = context.Paths;
        var name = string.IsNullOrWhiteSpace(instanceName) ? InstanceSelector.DefaultInstanceName : instanceName;
        var configuration = paths.FullPath(string.IsNullOrWhiteSpace(configurationPath)
            ? paths.Combine(paths.MachineConfigurationHome, name, $"tentacle-{name}.config")
            : configurationPath);
        var localConfiguration = paths.ToLocal(configuration);

        if (File.Exists(localConfiguration))
        {
            context.Info($"Configuration file at {configuration} already exists.");
        }
        else
        {
            context.Info("Creating empty configuration file: " + configuration);
            SettingsFile.CreateEmpty(localConfiguration);
        }

        context.Info("Saving instance: " + name);
        context.Instances.Save(new InstanceRecord(name, configuration));

        var home = string.IsNullOrWhiteSpace(homeDirectory) ? paths.DirectoryOf(configuration) : paths.FullPath(homeDirectory);
        context.Info("Setting home directory to: " + home);
        var settings = new TentacleSettings(SettingsFile.Load(localConfiguration), context.MachineKey) { HomeDirectory = home };
        settings.Save();
        return Task.CompletedTask;
    }
}
