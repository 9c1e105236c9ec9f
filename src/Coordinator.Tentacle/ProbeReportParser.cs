using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Coordinator.Tentacle;

/// <summary>
/// Reads the probe script's stdout: <c>key=value</c> lines between <c>tentacle-probe=1</c> and
/// <c>tentacle-probe-end=1</c>. Each Tentacle command appears as <c>&lt;name&gt;.exit</c>, <c>&lt;name&gt;.out</c> and
/// <c>&lt;name&gt;.err</c>, the outputs base64-encoded (UTF-8) so JSON and odd paths survive one line.
/// </summary>
public static class ProbeReportParser
{
    /// <summary>The first field the probe writes.</summary>
    public const string StartField = "tentacle-probe";

    /// <summary>The last field; without it the probe did not finish.</summary>
    public const string EndField = "tentacle-probe-end";

    /// <summary>
    /// The report for <paramref name="instanceName"/>. Details a command could not produce (its exit code was not 0,
    /// or its output did not parse) are left unknown, which makes the planner run the idempotent step again.
    /// </summary>
    /// <exception cref="FormatException">The output is not a complete probe report.</exception>
    public static ProbeReport Parse(string output, string instanceName)
    {
        var fields = Fields(output);
        if (!fields.ContainsKey(StartField) || !fields.ContainsKey(EndField))
            throw new FormatException("The probe did not print a complete report (it may have been interrupted).");

        var commands = Commands(fields);
        var executableFound = Field(fields, "executable") == "present";
        var version = commands.TryGetValue("version", out var versionCommand) && versionCommand.Succeeded
            ? OrNull(() => TentacleOutput.ParseVersion(versionCommand.Output))
            : null;
        var instances = commands.TryGetValue("instances", out var instancesCommand) && instancesCommand.Succeeded
            ? OrNull(() => (ImmutableArray<TentacleInstance>?)TentacleOutput.ParseInstances(instancesCommand.Output)) ?? []
            : [];
        var instance = instances.FirstOrDefault(i => i.Name == instanceName)
                       ?? instances.FirstOrDefault(i => string.Equals(i.Name, instanceName, StringComparison.OrdinalIgnoreCase));
        var thumbprint = instance is not null && commands.TryGetValue("thumbprint", out var thumbprintCommand) && thumbprintCommand.Succeeded
            ? OrNull(() => TentacleOutput.ParseThumbprint(thumbprintCommand.Output))
            : null;
        var configuration = instance is not null && commands.TryGetValue("configuration", out var configurationCommand) && configurationCommand.Succeeded
            ? OrNull(() => TentacleOutput.ParseConfiguration(configurationCommand.Output))
            : null;

        return new ProbeReport(
            executableFound,
            version,
            instances,
            instance,
            thumbprint,
            configuration,
            Service(Field(fields, "service")),
            Field(fields, "listening") == "yes",
            commands);
    }

    static Dictionary<string, string> Fields(string output)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in output.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var equals = line.IndexOf('=');
            if (equals > 0)
                fields[line[..equals]] = line[(equals + 1)..];
        }

        return fields;
    }

    static ImmutableDictionary<string, ProbedCommand> Commands(Dictionary<string, string> fields)
    {
        var commands = ImmutableDictionary.CreateBuilder<string, ProbedCommand>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            if (!key.EndsWith(".exit", StringComparison.Ordinal))
                continue;
            var name = key[..^".exit".Length];
            if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exitCode))
                throw new FormatException($"The probe reported exit code '{value}' for {name}.");
            commands[name] = new ProbedCommand(exitCode, Decoded(fields, name + ".out"), Decoded(fields, name + ".err"));
        }

        return commands.ToImmutable();
    }

    static string Decoded(Dictionary<string, string> fields, string key)
    {
        if (!fields.TryGetValue(key, out var base64) || base64.Length == 0)
            return string.Empty;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException e)
        {
            throw new FormatException($"The probe's {key} is not base64.", e);
        }
    }

    static string? Field(Dictionary<string, string> fields, string key) => fields.GetValueOrDefault(key);

    static ServiceState Service(string? state) => state switch
    {
        "running" => ServiceState.Running,
        "stopped" => ServiceState.Stopped,
        "absent" => ServiceState.Absent,
        _ => ServiceState.Unknown,
    };

    static T? OrNull<T>(Func<T?> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException)
        {
            return default;
        }
    }
}
