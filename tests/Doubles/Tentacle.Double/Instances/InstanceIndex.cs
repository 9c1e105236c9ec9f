using System.Text.Json;
using Tentacle.Double.Lab;

namespace Tentacle.Double.Instances;

/// <summary>One entry of the machine-wide instance index: which configuration file an instance uses.</summary>
internal sealed record InstanceRecord(string Name, string ConfigurationFilePath);

/// <summary>
/// The machine-wide list of instances: one small JSON file per instance under
/// <c>&lt;machine configuration home&gt;/Tentacle/Instances/&lt;name&gt;.config</c>.
/// </summary>
internal sealed class InstanceIndex(HostPaths paths)
{
    static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    string LocalDirectory => paths.ToLocal(paths.InstancesDirectory);

    public IReadOnlyList<InstanceRecord> List()
    {
        if (!Directory.Exists(LocalDirectory))
            return [];
        return Directory.EnumerateFiles(LocalDirectory, "*.config")
            .Select(ReadRecord)
            .OfType<InstanceRecord>()
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Exact name first, then case-insensitively, as Tentacle matches instance names.</summary>
    public InstanceRecord? Find(string name)
    {
        var all = List();
        return all.FirstOrDefault(r => r.Name == name)
            ?? all.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    public void Save(InstanceRecord record)
    {
        if (Find(record.Name) is { } existing)
            Delete(existing);
        Directory.CreateDirectory(LocalDirectory);
        File.WriteAllText(FileOf(record.Name), JsonSerializer.Serialize(record, JsonOptions));
    }

    public void Delete(InstanceRecord record) => File.Delete(FileOf(record.Name));

    string FileOf(string name) => Path.Combine(LocalDirectory, name + ".config");

    static InstanceRecord? ReadRecord(string file)
    {
        try
        {
            var record = JsonSerializer.Deserialize<InstanceRecord>(File.ReadAllText(file));
            return record is { Name.Length: > 0, ConfigurationFilePath.Length: > 0 } ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
