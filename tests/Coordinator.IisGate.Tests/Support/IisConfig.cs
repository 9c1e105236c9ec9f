using System.Xml.Linq;

namespace Coordinator.IisGateTests.Support;

/// <summary>What a host's applicationHost.config holds, read from the file itself rather than through appcmd.</summary>
public sealed class IisConfig(XDocument document)
{
    public static IisConfig Read(string path) => new(XDocument.Load(path));

    /// <summary>Every pool entry, duplicates included: a write applied twice would show here.</summary>
    public IReadOnlyList<string> PoolEntries =>
        [.. document.Descendants("applicationPools").Elements("add").Select(p => (string)p.Attribute("name")!)];

    /// <summary>Every site entry, duplicates included.</summary>
    public IReadOnlyList<string> SiteEntries =>
        [.. document.Descendants("sites").Elements("site").Select(s => (string)s.Attribute("name")!)];

    public IReadOnlyList<string> EntriesOf(IEnumerable<string> names) =>
        [.. PoolEntries.Concat(SiteEntries).Where(names.ToHashSet(StringComparer.Ordinal).Contains).Order(StringComparer.Ordinal)];

    /// <summary>The site's bindings as appcmd writes them: <c>http/*:8001:</c>.</summary>
    public IReadOnlyList<string> BindingsOf(string site) =>
        [.. document.Descendants("site").Single(s => (string?)s.Attribute("name") == site)
            .Element("bindings")!.Elements("binding").Select(b => $"{(string?)b.Attribute("protocol")}/{(string?)b.Attribute("bindingInformation")}")];
}
