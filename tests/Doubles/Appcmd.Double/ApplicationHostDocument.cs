using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AppcmdDouble;

/// <summary>applicationHost.config in memory: the application pools and sites sections appcmd edits.</summary>
internal sealed class ApplicationHostDocument
{
    private const string MinimalDocument = """
        <?xml version="1.0" encoding="UTF-8"?>
        <configuration>
            <system.applicationHost>
                <applicationPools>
                    <applicationPoolDefaults managedRuntimeVersion="v4.0">
                        <processModel identityType="ApplicationPoolIdentity" />
                    </applicationPoolDefaults>
                </applicationPools>
                <sites>
                    <siteDefaults>
                        <logFile logFormat="W3C" directory="%SystemDrive%\inetpub\logs\LogFiles" />
                    </siteDefaults>
                    <applicationDefaults applicationPool="DefaultAppPool" />
                    <virtualDirectoryDefaults allowSubDirConfig="true" />
                </sites>
            </system.applicationHost>
        </configuration>
        """;

    private readonly XDocument _document;

    private ApplicationHostDocument(XDocument document) => _document = document;

    /// <summary>Parses the file's text; a missing or empty file is a fresh IIS's minimal document.</summary>
    public static ApplicationHostDocument Parse(string? text, string pathForErrors)
    {
        try
        {
            return new(XDocument.Parse(string.IsNullOrWhiteSpace(text) ? MinimalDocument : text));
        }
        catch (XmlException e)
        {
            throw AppcmdError.NotWellFormed(pathForErrors, e.Message);
        }
    }

    public XElement ApplicationPools => Section("applicationPools");
    public XElement Sites => Section("sites");

    public IEnumerable<XElement> PoolElements => ApplicationPools.Elements("add");
    public IEnumerable<XElement> SiteElements => Sites.Elements("site");

    /// <summary>The pool an application without its own applicationPool attribute runs in.</summary>
    public string DefaultApplicationPool(XElement site) =>
        (string?)site.Element("applicationDefaults")?.Attribute("applicationPool")
        ?? (string?)Sites.Element("applicationDefaults")?.Attribute("applicationPool")
        ?? "DefaultAppPool";

    public byte[] Serialize()
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "    ", Encoding = new UTF8Encoding(false) };
        using (var writer = XmlWriter.Create(buffer, settings)) _document.Save(writer);
        return buffer.ToArray();
    }

    private XElement Section(string name)
    {
        var root = _document.Root ?? throw AppcmdError.NotWellFormed("applicationHost.config", "The document has no root element.");
        var host = root.Element("system.applicationHost") ?? Added(root, "system.applicationHost");
        return host.Element(name) ?? Added(host, name);
    }

    private static XElement Added(XElement parent, string name)
    {
        var element = new XElement(name);
        parent.Add(element);
        return element;
    }
}

/// <summary>
/// Reads and writes appcmd attributes on configuration elements, where a dotted name such as
/// <c>processModel.identityType</c> addresses an attribute of a child element.
/// </summary>
internal static class ConfigurationAttributes
{
    public static void Set(XElement element, string dottedName, string value)
    {
        var parts = dottedName.Split('.');
        var target = element;
        foreach (var childName in parts[..^1])
        {
            var child = target.Element(childName);
            if (child is null)
            {
                child = new XElement(childName);
                target.Add(child);
            }
            target = child;
        }
        target.SetAttributeValue(parts[^1], value);
    }

    /// <summary>Every attribute of the element and of its child elements, with dotted names.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Flatten(XElement element, ISet<string> skippedChildren, string prefix = "")
    {
        foreach (var attribute in element.Attributes())
            yield return new(prefix + attribute.Name.LocalName, attribute.Value);
        foreach (var child in element.Elements().Where(c => !skippedChildren.Contains(c.Name.LocalName)))
        {
            foreach (var nested in Flatten(child, skippedChildren, prefix + child.Name.LocalName + "."))
                yield return nested;
        }
    }

    /// <summary>The attribute's canonical spelling, or an error when appcmd would not know it.</summary>
    public static string Canonical(string name, IReadOnlyCollection<string> attributes, IReadOnlyCollection<string> childElements)
    {
        var dot = name.IndexOf('.');
        if (dot < 0)
        {
            return attributes.FirstOrDefault(a => a.Equals(name, StringComparison.OrdinalIgnoreCase))
                   ?? throw AppcmdError.UnknownAttribute(name);
        }
        var child = childElements.FirstOrDefault(c => c.Equals(name[..dot], StringComparison.OrdinalIgnoreCase))
                    ?? throw AppcmdError.UnknownAttribute(name);
        return child + name[dot..];
    }
}
