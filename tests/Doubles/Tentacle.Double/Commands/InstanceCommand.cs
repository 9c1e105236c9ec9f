using Tentacle.Double.Configuration;
using Tentacle.Double.Instances;

namespace Tentacle.Double.Commands;

/// <summary>The instance a command loaded: its identity, where its files are, and its settings.</summary>
internal sealed record LoadedInstance(SelectedInstance Selection, string LocalConfigurationPath, TentacleSettings Settings);

/// <summary>A command that works on one instance, chosen with <c>--instance</c> or <c>--config</c>.</summary>
internal abstract class InstanceCommand : TentacleCommand
{
    protected string? InstanceName { get; private set; }
    protected string? ConfigurationPath { get; private set; }

    protected InstanceCommand()
    {
        Options.Value("instance", v => InstanceName = v);
        Options.Value("config", v => ConfigurationPath = v);
    }

    protected LoadedInstance LoadInstance(CommandContext context)
    {
        var selection = new InstanceSelector(context.Instances).Select(InstanceName, ConfigurationPath);
        var localPath = context.Paths.ToLocal(selection.ConfigurationFilePath);
        return new LoadedInstance(selection, localPath, new TentacleSettings(SettingsFile.Load(localPath), context.MachineKey));
    }
}
