using System.Xml.Linq;

namespace Coordinator.Iis.Tests.Support;

/// <summary>What applicationHost.config holds, read straight from the file (not through appcmd).</summary>
public sealed class IisConfiguration(XDocument document)
{
    public static IisConfiguration Read(string path) => new(File.Exists(path) ? XDocument.Load(path) : new XDocument(new XElement("configuration")));

    IEnumerable<XElement> Pools => document.Descendants("applicationPools").Elements("add");

    IEnumerable<XElement> Sites => document.Descendants("sites").Elements("site");

    public IReadOnlyList<string> PoolNames => [.. Pools.Select(p => (string)p.Attribute("name")!).Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> SiteNames => [.. Sites.Select(s => (string)s.Attribute("name")!).Order(StringComparer.Ordinal)];

    /// <summary>Applications as appcmd names them: <c>Site/</c>, <c>Site/api</c>.</summary>
    public IReadOnlyList<string> ApplicationNames =>
        [.. Sites.SelectMany(s => s.Elements("application").Select(a => (string)s.Attribute("name")! + (string)a.Attribute("path")!)).Order(StringComparer.Ordinal)];

    /// <summary>The pool's managedRuntimeVersion, managedPipelineMode and identityType as written in the file (null when absent).</summary>
    public (string? Runtime, string? Pipeline, string? Identity) Pool(string name)
    {
        var pool = Pools.Single(p => (string?)p.Attribute("name") == name);
        return ((string?)pool.Attribute("managedRuntimeVersion"), (string?)pool.Attribute("managedPipelineMode"),
            (string?)pool.Element("processModel")?.Attribute("identityType"));
    }

    /// <summary>The site's bindings in appcmd's form: <c>http/*:80:host</c>.</summary>
    public IReadOnlyList<string> Bindings(string site) =>
        [.. Site(site).Element("bindings")!.Elements("binding").Select(b => $"{(string?)b.Attribute("protocol")}/{(string?)b.Attribute("bindingInformation")}")];

    /// <summary>The application's pool (null when it inherits one) and its root physical path.</summary>
    public (string? Pool, string? PhysicalPath) Application(string site, string path)
    {
        var application = Site(site).Elements("application").Single(a => (string?)a.Attribute("path") == path);
        return ((string?)application.Attribute("applicationPool"),
            (string?)application.Elements("virtualDirectory").SingleOrDefault(v => (string?)v.Attribute("path") == "/")?.Attribute("physicalPath"));
    }

    XElement Site(string name) => Sites.Single(s => (string?)s.Attribute("name") == name);
}
