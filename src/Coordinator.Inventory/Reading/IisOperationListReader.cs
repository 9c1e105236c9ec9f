using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Coordinator.Iis;
using Coordinator.Inventory.Yaml;

namespace Coordinator.Inventory.Reading;

/// <summary>
/// Reads a list of IIS operations: an inventory's <c>iis.baseline</c> or an operations file's <c>operations</c>.
/// Each item is a mapping with one key naming the operation (<c>ensure-site: { ... }</c>); what it holds is then
/// checked by <see cref="IisOperationValidator"/>, whose problems are reported at the item.
/// </summary>
internal static partial class IisOperationListReader
{
    public const string Example = "[{ ensure-app-pool: { name: Shop } }]";

    private const string BindingExample = "['http/*:80:shop.example.com']";

    private static readonly OperationKind[] Kinds =
    [
        new("ensure-app-pool", ["name", "runtime", "pipeline", "identity"], AppPool),
        new("ensure-site", ["name", "path", "bindings", "app-pool"], Site),
        new("ensure-application", ["site", "path", "physical-path", "app-pool"], Application),
        new("remove-site", ["name"], RemoveSite),
        new("remove-under-path", ["path"], RemoveUnderPath),
    ];

    private static readonly string[] OperationKeys = [.. Kinds.Select(k => k.Key)];

    private static readonly Dictionary<string, ManagedRuntime> RuntimeNames = new()
    {
        ["v4.0"] = new(EnsureAppPool.ClrV4),
        // Read so that the library, not the inventory, decides whether CLR 2 pools can be ensured.
        ["v2.0"] = new("v2.0"),
        ["none"] = new(EnsureAppPool.NoManagedCode),
    };

    private static readonly Dictionary<string, ManagedPipelineMode> PipelineNames = new()
    {
        ["integrated"] = ManagedPipelineMode.Integrated,
        ["classic"] = ManagedPipelineMode.Classic,
    };

    private static readonly Dictionary<string, AppPoolIdentity> IdentityNames =
        Enum.GetValues<AppPoolIdentity>().ToDictionary(identity => identity.ToString());

    /// <summary>The operations in order; those with a problem are reported and left out.</summary>
    /// <param name="section">The list itself, such as <c>iis.baseline</c> of a host; items are numbered from 1.</param>
    public static ImmutableArray<IisOperation> Read(SequenceNode list, Section section, InventoryErrorList errors)
    {
        var operations = ImmutableArray.CreateBuilder<IisOperation>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var item = list.Items[i];
            if (ReadItem(item, section.Item(i + 1, item.Start), errors) is { } operation)
            {
                operations.Add(operation);
            }
        }

        return operations.ToImmutable();
    }

    private static IisOperation? ReadItem(YamlNode node, Section section, InventoryErrorList errors)
    {
        if (node is not MappingNode { Entries.Count: > 0 } item)
        {
            errors.Add(node.Start, $"{section.Name} must name one operation with its settings, such as remove-site: {{ name: Legacy }}; " +
                                   $"the operations are {string.Join(", ", OperationKeys)}");
            return null;
        }

        if (item.Entries.Count > 1)
        {
            // Most often the operation's settings were not indented under it, so they became keys of the item.
            var second = item.Entries[1].Key;
            var shown = second is ScalarNode scalar ? $"a second key '{scalar.Value}'" : "a second key";
            errors.Add(second.Start, $"{section.Name} has {shown}: each item names exactly one operation — " +
                                     "start another item with '- ', or indent the operation's settings under it");
            return null;
        }

        var fields = MappingFields.Read(item, section, OperationKeys, errors);
        if (Kinds.FirstOrDefault(k => fields.Has(k.Key)) is not { } kind || fields.Mapping(kind.Key, kind.SettingKeys) is not { } settings)
        {
            return null;
        }

        return kind.Read(settings) is { } operation ? IisValidation.Operation(operation, settings.Section.Name, item.Start, errors) : null;
    }

    private static EnsureAppPool? AppPool(MappingFields pool)
    {
        var name = pool.RequiredText("name", "<the app pool's name>");
        var runtime = ChoiceOr(pool, "runtime", RuntimeNames, new ManagedRuntime(EnsureAppPool.ClrV4));
        var pipeline = ChoiceOr(pool, "pipeline", PipelineNames, ManagedPipelineMode.Integrated);
        var identity = ChoiceOr(pool, "identity", IdentityNames, AppPoolIdentity.ApplicationPoolIdentity);
        return name is null || runtime is null || pipeline is null || identity is null
            ? null
            : new EnsureAppPool(name, runtime.Value.Version, pipeline.Value, identity.Value);
    }

    private static EnsureSite? Site(MappingFields site)
    {
        var name = site.RequiredText("name", "<the site's name>");
        var path = site.RequiredText("path", @"'C:\inetpub\shop' (the site's physical path)");
        var bindings = site.Require("bindings", BindingExample) ? Bindings(site) : null;
        var pool = site.RequiredText("app-pool", "<the app pool of the site's root application>");
        return name is null || path is null || bindings is null || pool is null ? null : new EnsureSite(name, path, bindings, pool);
    }

    private static EnsureApplication? Application(MappingFields application)
    {
        var site = application.RequiredText("site", "<the existing site the application belongs to>");
        var path = application.RequiredText("path", "/api (the application's virtual path)");
        var physicalPath = application.RequiredText("physical-path", @"'C:\inetpub\shop-api'");
        var pool = application.RequiredText("app-pool", "<the app pool the application runs in>");
        return site is null || path is null || physicalPath is null || pool is null
            ? null
            : new EnsureApplication(site, path, physicalPath, pool);
    }

    private static RemoveSite? RemoveSite(MappingFields remove) =>
        remove.RequiredText("name", "<the site to remove>") is { } name ? new RemoveSite(name) : null;

    private static RemoveUnderPath? RemoveUnderPath(MappingFields remove) =>
        remove.RequiredText("path", @"'C:\inetpub\old' (every site and application at or below it goes)") is { } path
            ? new RemoveUnderPath(path)
            : null;

    private static List<IisBinding>? Bindings(MappingFields site)
    {
        if (site.Sequence("bindings", BindingExample) is not { } list)
        {
            return null;
        }

        var bindings = new List<IisBinding>();
        foreach (var item in list.Items)
        {
            var text = item is ScalarNode { IsNull: false } scalar ? scalar.Value.Trim() : null;
            if (text is not null && ParseBinding(text) is { } binding)
            {
                bindings.Add(binding);
                continue;
            }

            var found = text is null ? "" : $", found '{text}'";
            site.Errors.Add(item.Start, $"{site.Section.Field("bindings")} must hold bindings written protocol/address:port:host, such as " +
                                        $"http/*:80:shop.example.com or https/[2001:db8::5]:443: (an IPv6 address in brackets){found}");
        }

        return bindings.Count == list.Items.Count ? bindings : null;
    }

    /// <summary>
    /// The binding's parts, or <c>null</c> when the text does not have the shape; whether each part is acceptable is
    /// the validator's to say. The host part may be left out, meaning any host.
    /// </summary>
    private static IisBinding? ParseBinding(string text)
    {
        var match = BindingText().Match(text);
        return match.Success
            ? new IisBinding(
                match.Groups["protocol"].Value,
                match.Groups["address"].Value,
                int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture),
                match.Groups["host"].Value)
            : null;
    }

    /// <summary>The choice written, the fallback when the key is absent, or <c>null</c> when it is invalid (reported).</summary>
    private static T? ChoiceOr<T>(MappingFields fields, string key, IReadOnlyDictionary<string, T> choices, T fallback) where T : struct =>
        fields.Has(key) ? fields.Choice(key, choices) : fallback;

    /// <param name="Read">The operation from its settings, or <c>null</c> when a setting is missing or invalid (reported).</param>
    private sealed record OperationKind(string Key, string[] SettingKeys, Func<MappingFields, IisOperation?> Read);

    private readonly record struct ManagedRuntime(string Version);

    [GeneratedRegex(@"^(?<protocol>[^/]+)/(?:\[(?<address>[^\]]*)\]|(?<address>[^:\[\]]*)):(?<port>\d{1,9})(?::(?<host>.*))?$")]
    private static partial Regex BindingText();
}
