using System.Xml.Linq;

namespace AppcmdDouble;

/// <summary>One SITE, APP or APPPOOL as appcmd shows and filters it.</summary>
internal sealed record IisEntry(
    string Name,
    XElement Element,
    IReadOnlyDictionary<string, string> Attributes,
    string Summary);

/// <summary>What appcmd can list, add, set and delete for one object type.</summary>
internal abstract class IisCollection
{
    /// <summary>SITE, APP or APPPOOL: the word appcmd prints.</summary>
    public abstract string Label { get; }

    public abstract IEnumerable<IisEntry> Entries(ApplicationHostDocument document);

    /// <summary>Adds the object and returns appcmd's lines for what it created.</summary>
    public abstract IReadOnlyList<string> Add(ApplicationHostDocument document, AppcmdRequest request);

    public abstract void Set(ApplicationHostDocument document, IisEntry entry, AppcmdRequest request);

    public virtual void Delete(IisEntry entry) => entry.Element.Remove();

    /// <summary>The object a set or delete names, by identifier or by <c>/type.name:</c>.</summary>
    public IisEntry Find(ApplicationHostDocument document, AppcmdRequest request)
    {
        var identifier = request.Identifier ?? request.Attribute(Label.ToLowerInvariant() + ".name")
                         ?? throw AppcmdError.MissingIdentifier(Label);
        return Entries(document).FirstOrDefault(e => e.Name.Equals(identifier, StringComparison.OrdinalIgnoreCase))
               ?? throw AppcmdError.NotFound(Label, identifier);
    }

    public string Line(IisEntry entry) => $"{Label} \"{entry.Name}\" ({entry.Summary})";

    protected static Dictionary<string, string> AttributeMap(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in pairs) map[key] = value;
        return map;
    }

    /// <summary>Applies the request's attributes, except those the caller handles itself.</summary>
    protected static void Apply(XElement element, AppcmdRequest request, IReadOnlyCollection<string> attributes,
        IReadOnlyCollection<string> childElements, params string[] handledElsewhere)
    {
        foreach (var (name, value) in request.Attributes)
        {
            if (handledElsewhere.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
            ConfigurationAttributes.Set(element, ConfigurationAttributes.Canonical(name, attributes, childElements), value);
        }
    }

    protected static string Required(AppcmdRequest request, string objectType, string attribute) =>
        request.Attribute(attribute) is { Length: > 0 } value ? value : throw AppcmdError.Required(objectType, attribute);
}

internal sealed class AppPoolCollection : IisCollection
{
    private static readonly string[] Attributes =
    [
        "name", "autoStart", "enable32BitAppOnWin64", "managedRuntimeVersion", "managedPipelineMode", "startMode",
        "queueLength", "managedRuntimeLoader", "CLRConfigFile", "passAnonymousToken",
    ];

    private static readonly string[] ChildElements = ["processModel", "recycling", "failure", "cpu"];

    public override string Label => "APPPOOL";

    public override IEnumerable<IisEntry> Entries(ApplicationHostDocument document) =>
        document.PoolElements.Select(pool =>
        {
            var name = (string?)pool.Attribute("name") ?? "";
            var attributes = AttributeMap(ConfigurationAttributes.Flatten(pool, new HashSet<string>()));
            attributes.TryAdd("managedRuntimeVersion", "v4.0");
            attributes.TryAdd("managedPipelineMode", "Integrated");
            attributes["state"] = (string?)pool.Attribute("autoStart") == "false" ? "Stopped" : "Started";
            attributes["apppool.name"] = name;
            var summary = $"MgdVersion:{attributes["managedRuntimeVersion"]},MgdMode:{attributes["managedPipelineMode"]},state:{attributes["state"]}";
            return new IisEntry(name, pool, attributes, summary);
        });

    public override IReadOnlyList<string> Add(ApplicationHostDocument document, AppcmdRequest request)
    {
        var name = Required(request, Label, "name");
        if (Entries(document).Any(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            throw AppcmdError.Duplicate("add", "name", name);
        var pool = new XElement("add", new XAttribute("name", name));
        Apply(pool, request, Attributes, ChildElements, "name");
        var defaults = document.ApplicationPools.Element("applicationPoolDefaults");
        if (defaults is null) document.ApplicationPools.Add(pool);
        else defaults.AddBeforeSelf(pool);
        return [$"APPPOOL object \"{name}\" added"];
    }

    public override void Set(ApplicationHostDocument document, IisEntry entry, AppcmdRequest request) =>
        Apply(entry.Element, request, Attributes, ChildElements, "apppool.name");
}

internal sealed class SiteCollection : IisCollection
{
    private static readonly string[] Attributes = ["name", "id", "serverAutoStart"];
    private static readonly string[] ChildElements = ["limits", "logFile", "traceFailedRequestsLogging", "applicationDefaults", "virtualDirectoryDefaults", "hsts"];
    private static readonly HashSet<string> Collections = ["application", "bindings"];

    public override string Label => "SITE";

    public override IEnumerable<IisEntry> Entries(ApplicationHostDocument document) =>
        document.SiteElements.Select(site =>
        {
            var name = (string?)site.Attribute("name") ?? "";
            var attributes = AttributeMap(ConfigurationAttributes.Flatten(site, Collections));
            attributes["site.name"] = name;
            attributes["bindings"] = Bindings.Render(site);
            attributes["state"] = (string?)site.Attribute("serverAutoStart") == "false" ? "Stopped" : "Started";
            attributes["physicalPath"] = (string?)RootDirectory(site)?.Attribute("physicalPath") ?? "";
            var summary = $"id:{(string?)site.Attribute("id")},bindings:{attributes["bindings"]},state:{attributes["state"]}";
            return new IisEntry(name, site, attributes, summary);
        });

    public override IReadOnlyList<string> Add(ApplicationHostDocument document, AppcmdRequest request)
    {
        var name = Required(request, Label, "name");
        var sites = document.SiteElements.ToList();
        if (sites.Any(s => name.Equals((string?)s.Attribute("name"), StringComparison.OrdinalIgnoreCase)))
            throw AppcmdError.Duplicate("site", "name", name);
        var id = request.Attribute("id") ?? (sites.Select(s => (int?)s.Attribute("id") ?? 0).DefaultIfEmpty(0).Max() + 1).ToString();
        if (sites.Any(s => (string?)s.Attribute("id") == id))
            throw AppcmdError.Duplicate("site", "id", id);

        var site = new XElement("site", new XAttribute("name", name), new XAttribute("id", id));
        Apply(site, request, Attributes, ChildElements, "name", "id", "bindings", "physicalPath");
        var lines = new List<string> { $"SITE object \"{name}\" added" };
        if (request.Attribute("physicalPath") is { } physicalPath)
        {
            site.Add(new XElement("application", new XAttribute("path", "/"),
                new XElement("virtualDirectory", new XAttribute("path", "/"), new XAttribute("physicalPath", physicalPath))));
            lines.Add($"APP object \"{name}/\" added");
            lines.Add($"VDIR object \"{name}/\" added");
        }
        site.Add(Bindings.Parse(request.Attribute("bindings") ?? ""));
        var defaults = document.Sites.Element("siteDefaults");
        if (defaults is null) document.Sites.Add(site);
        else defaults.AddBeforeSelf(site);
        return lines;
    }

    public override void Set(ApplicationHostDocument document, IisEntry entry, AppcmdRequest request)
    {
        Apply(entry.Element, request, Attributes, ChildElements, "site.name", "bindings", "physicalPath");
        if (request.Attribute("bindings") is { } bindings)
        {
            entry.Element.Element("bindings")?.Remove();
            entry.Element.Add(Bindings.Parse(bindings));
        }
        if (request.Attribute("physicalPath") is { } physicalPath)
        {
            var directory = RootDirectory(entry.Element) ?? throw AppcmdError.NotFound("VDIR", entry.Name + "/");
            directory.SetAttributeValue("physicalPath", physicalPath);
        }
    }

    public static XElement? RootDirectory(XElement site) =>
        site.Elements("application").FirstOrDefault(a => (string?)a.Attribute("path") == "/")
            ?.Elements("virtualDirectory").FirstOrDefault(v => (string?)v.Attribute("path") == "/");
}

internal sealed class AppCollection : IisCollection
{
    private static readonly string[] Attributes = ["path", "applicationPool", "enabledProtocols", "preloadEnabled", "serviceAutoStartEnabled"];

    public override string Label => "APP";

    public override IEnumerable<IisEntry> Entries(ApplicationHostDocument document) =>
        document.SiteElements.SelectMany(site => site.Elements("application").Select(app =>
        {
            var siteName = (string?)site.Attribute("name") ?? "";
            var path = (string?)app.Attribute("path") ?? "/";
            var name = siteName + path;
            var attributes = AttributeMap(ConfigurationAttributes.Flatten(app, new HashSet<string> { "virtualDirectory" }));
            attributes["app.name"] = name;
            attributes["name"] = name;
            attributes["site.name"] = siteName;
            attributes.TryAdd("applicationPool", document.DefaultApplicationPool(site));
            attributes["physicalPath"] = (string?)RootDirectory(app)?.Attribute("physicalPath") ?? "";
            return new IisEntry(name, app, attributes, $"applicationPool:{attributes["applicationPool"]}");
        }));

    public override IReadOnlyList<string> Add(ApplicationHostDocument document, AppcmdRequest request)
    {
        var siteName = Required(request, Label, "site.name");
        var path = Required(request, Label, "path");
        var site = document.SiteElements.FirstOrDefault(s => siteName.Equals((string?)s.Attribute("name"), StringComparison.OrdinalIgnoreCase))
                   ?? throw AppcmdError.NotFound("SITE", siteName);
        if (site.Elements("application").Any(a => path.Equals((string?)a.Attribute("path"), StringComparison.OrdinalIgnoreCase)))
            throw AppcmdError.Duplicate("application", "path", path);

        var app = new XElement("application", new XAttribute("path", path));
        Apply(app, request, Attributes, [], "site.name", "path", "physicalPath");
        var name = (string?)site.Attribute("name") + path;
        var lines = new List<string> { $"APP object \"{name}\" added" };
        if (request.Attribute("physicalPath") is { } physicalPath)
        {
            app.Add(new XElement("virtualDirectory", new XAttribute("path", "/"), new XAttribute("physicalPath", physicalPath)));
            lines.Add($"VDIR object \"{name}/\" added");
        }
        var bindings = site.Element("bindings");
        if (bindings is null) site.Add(app);
        else bindings.AddBeforeSelf(app);
        return lines;
    }

    public override void Set(ApplicationHostDocument document, IisEntry entry, AppcmdRequest request)
    {
        Apply(entry.Element, request, Attributes, [], "app.name", "physicalPath");
        if (request.Attribute("physicalPath") is { } physicalPath)
        {
            var directory = RootDirectory(entry.Element) ?? throw AppcmdError.NotFound("VDIR", entry.Name + "/");
            directory.SetAttributeValue("physicalPath", physicalPath);
        }
    }

    private static XElement? RootDirectory(XElement app) =>
        app.Elements("virtualDirectory").FirstOrDefault(v => (string?)v.Attribute("path") == "/");
}

/// <summary>appcmd's binding text: <c>http/*:80:host,https/*:443:</c>.</summary>
internal static class Bindings
{
    public static string Render(XElement site) =>
        string.Join(',', site.Element("bindings")?.Elements("binding")
            .Select(b => $"{(string?)b.Attribute("protocol")}/{(string?)b.Attribute("bindingInformation")}") ?? []);

    public static XElement Parse(string text)
    {
        var bindings = new XElement("bindings");
        foreach (var binding in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var slash = binding.IndexOf('/');
            if (slash <= 0) throw AppcmdError.Usage($"Invalid binding \"{binding}\": expected protocol/bindingInformation.");
            bindings.Add(new XElement("binding",
                new XAttribute("protocol", binding[..slash]),
                new XAttribute("bindingInformation", binding[(slash + 1)..])));
        }
        return bindings;
    }
}
