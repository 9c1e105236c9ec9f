using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Tentacle.Double.Configuration;

/// <summary>
/// An instance configuration file: <c>&lt;octopus-settings&gt;&lt;set key="..."&gt;value&lt;/set&gt;...</c>.
/// A missing file reads as empty and is created on save, as Tentacle's key-value store does.
/// </summary>
internal sealed class SettingsFile
{
    public const string EmptyDocument = "<?xml version='1.0' encoding='UTF-8' ?><octopus-settings></octopus-settings>";

    readonly string localPath;
    readonly SortedDictionary<string, string> values;

    SettingsFile(string localPath, SortedDictionary<string, string> values)
    {
        this.localPath = localPath;
        this.values = values;
    }

    public static SettingsFile Load(string localPath)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(localPath) && new FileInfo(localPath).Length > 0)
        {
            foreach (var set in XDocument.Load(localPath).Root?.Elements("set") ?? [])
            {
                if (set.Attribute("key")?.Value is { Length: > 0 } key)
                    values[key] = set.Value;
            }
        }

        return new SettingsFile(localPath, values);
    }

    public static void CreateEmpty(string localPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(localPath))!);
        File.WriteAllText(localPath, EmptyDocument);
    }

    public string? Get(string key) => values.GetValueOrDefault(key);

    /// <summary>Null removes the key, so "unset" and "default" stay the same thing.</summary>
    public void Set(string key, string? value)
    {
        if (value is null)
            values.Remove(key);
        else
            values[key] = value;
    }

    public void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(localPath))!);
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("octopus-settings",
                values.Select(pair => new XElement("set", new XAttribute("key", pair.Key), pair.Value))));
        using var writer = XmlWriter.Create(localPath, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        document.Save(writer);
    }
}
