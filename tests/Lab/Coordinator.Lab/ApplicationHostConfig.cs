using System.Xml.Linq;

namespace Coordinator.Lab;

/// <summary>
/// What a windows-flavoured host's applicationHost.config holds, read from the file itself rather than through appcmd,
/// so a test sees exactly what was written. Names are listed with their duplicates: a write applied twice shows.
/// Plain XML and no lab types, so tests that run the Windows doubles without a lab link this file in.
/// </summary>
public sealed class ApplicationHostConfig(XDocument document)
{
    /// <summary>The file at <paramref name="path"/>; a file not written yet reads as an empty configuration.</summary>
    public static ApplicationHostConfig Read(string path) =>
        new(File.Exists(path) ? XDocument.Load(path) : new XDocument(new XElement("configuration")));

    private IEnumerable<XElement> Pools => document.Descendants("applicationPools").Elements("add");

    private IEnumerable<XElement> Sites => document.Descendants("sites").Elements("site");

    public IReadOnlyList<string> PoolNames => [.. Pools.Select(p => (string)p.Attribute("name")!).Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> SiteNames => [.. Sites.Select(s => (string)s.Attribute("name")!).Order(StringComparer.Ordinal)];

    /// <summary>Applications as appcmd names them: <c>Site/</c>, <c>Site/api</c>.</summary>
    public IReadOnlyList<string> ApplicationNames =>
        [.. Sites.SelectMany(s => s.Elements("application").Select(a => (string)s.Attribute("name")! + (string)a.Attribute("path")!)).Order(StringComparer.Ordinal)];

    /// <summary>The pools and sites among <paramref name="names"/>, sorted, one entry per time each was written.</summary>
    public IReadOnlyList<string> EntriesOf(IEnumerable<string> names)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        return [.. PoolNames.Concat(SiteNames).Where(wanted.Contains).Order(StringComparer.Ordinal)];
    }

    /// <summary>The pool's managedRuntimeVersion, managedPipelineMode and identityType as written (null when absent).</summary>
    public (string? Runtime, string? Pipeline, string? Identity) Pool(string name)
    {
        var pool = Pools.Single(p => (string?)p.Attribute("name") == name);
        return ((string?)pool.Attribute("managedRuntimeVersion"), (string?)pool.Attribute("managedPipelineMode"),
            (string?)pool.Element("processModel")?.Attribute("identityType"));
    }

    /// <summary>The site's bindings in appcmd's form, <c>http/*:80:host</c>, in file order.</summary>
    public IReadOnlyList<string> Bindings(string site) =>
        [.. Site(site).Element("bindings")!.Elements("binding").Select(b => $"{(string?)b.Attribute("protocol")}/{(string?)b.Attribute("bindingInformation")}")];

    /// <summary>The application's pool (null when it inherits one) and its root virtual directory's physical path.</summary>
    public (string? Pool, string? PhysicalPath) Application(string site, string path)
    {
        var application = Site(site).Elements("application").Single(a => (string?)a.Attribute("path") == path);
        return ((string?)application.Attribute("applicationPool"),
            (string?)application.Elements("virtualDirectory").SingleOrDefault(v => (string?)v.Attribute("path") == "/")?.Attribute("physicalPath"));
    }

    private XElement Site(string name) => Sites.Single(s => (string?)s.Attribute("name") == name);
}
