using Akka.Configuration;

namespace Coordinator.Host.Configuration;

/// <summary>One <c>coordinator.*</c> value and the layer it came from, for error messages that say where to fix it.</summary>
/// <param name="Source">e.g. <c>environment variable COORD_REMOTE_PORT</c> or <c>config file /etc/coordinator.conf</c>.</param>
public sealed record LayeredSetting(string Key, string Value, string Source)
{
    /// <summary>Reads <paramref name="key"/> from the environment, else the file, else the embedded defaults.</summary>
    public static LayeredSetting Read(
        string key, IReadOnlyDictionary<string, string> environment, Config file, string? fileName)
    {
        if (CoordinatorEnvironment.VariableFor(key) is { } variable
            && environment.TryGetValue(variable, out var fromEnvironment)
            && fromEnvironment.Length > 0)
        {
            return new LayeredSetting(key, fromEnvironment, $"environment variable {variable}");
        }

        if (!file.IsEmpty && Single(file, key, $"config file {fileName}") is { } fromFile)
        {
            return fromFile;
        }

        return Single(EmbeddedHocon.Base, key, $"built-in defaults ({EmbeddedHocon.BaseFile})")
            ?? throw new InvalidOperationException($"{key} has no default in {EmbeddedHocon.BaseFile}.");
    }

    /// <summary><c>invalid KEY "VALUE" from SOURCE: PROBLEM</c>, leaving the value out when it may be a secret.</summary>
    public CoordinatorConfigurationException Invalid(string problem, bool showValue = true) =>
        new(showValue
            ? $"invalid {Key} \"{Value}\" from {Source}: {problem}"
            : $"invalid {Key} from {Source}: {problem}");

    private static LayeredSetting? Single(Config config, string key, string source)
    {
        var value = HoconPath.Find(config.Root, key.Split('.'));
        if (value is null)
        {
            return null;
        }

        if (value.IsObject() || value.IsArray())
        {
            throw new CoordinatorConfigurationException($"invalid {key} from {source}: expected a single value");
        }

        return new LayeredSetting(key, value.GetString() ?? "", source);
    }
}
