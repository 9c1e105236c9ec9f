using Tentacle.Double.CommandLine;

namespace Tentacle.Double.Instances;

/// <summary>The instance a command works on; <see cref="Name"/> is null when only <c>--config</c> was given.</summary>
internal sealed record SelectedInstance(string? Name, string ConfigurationFilePath);

/// <summary>
/// Tentacle's instance-selection rule: <c>--instance</c> must name an indexed instance; otherwise
/// <c>--config</c> names the file directly; otherwise the instance named Tentacle, else the only one.
/// </summary>
internal sealed class InstanceSelector(InstanceIndex index)
{
    public const string DefaultInstanceName = "Tentacle";

    public SelectedInstance Select(string? instanceName, string? configurationPath)
    {
        if (!string.IsNullOrWhiteSpace(instanceName))
            return Selected(index.Find(instanceName) ?? throw UnknownInstance(instanceName));
        if (!string.IsNullOrWhiteSpace(configurationPath))
            return new SelectedInstance(null, configurationPath);

        var all = index.List();
        var chosen = all.FirstOrDefault(r => string.Equals(r.Name, DefaultInstanceName, StringComparison.OrdinalIgnoreCase))
            ?? (all.Count == 1 ? all[0] : null);
        if (chosen is not null)
            return Selected(chosen);
        throw all.Count == 0
            ? NoInstances()
            : new ControlledFailureException(
                $"There is more than one instance of Tentacle on this machine and none is named {DefaultInstanceName}; " +
                $"pass --instance=INSTANCENAME to choose one. Available instances: {Names(all)}.");
    }

    ControlledFailureException UnknownInstance(string name)
    {
        var all = index.List();
        return all.Count == 0
            ? NoInstances()
            : new ControlledFailureException(
                $"Instance {name} of Tentacle has not been configured on this machine. Available instances: {Names(all)}.");
    }

    static ControlledFailureException NoInstances() => new(
        "There are no instances of Tentacle configured on this machine. Create one with the create-instance command.");

    static string Names(IEnumerable<InstanceRecord> records) => string.Join(", ", records.Select(r => r.Name));

    static SelectedInstance Selected(InstanceRecord record) => new(record.Name, record.ConfigurationFilePath);
}
