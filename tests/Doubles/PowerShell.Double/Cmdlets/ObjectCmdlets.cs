using System.Collections;
using System.Management.Automation;

// The real cmdlets live in this namespace; error ids and type names in scripts and error output match theirs.
namespace Microsoft.PowerShell.Commands;

[Cmdlet(VerbsCommon.New, "Object")]
public sealed class NewObjectCommand : PSCmdlet
{
    [Parameter(Position = 0, Mandatory = true)]
    public string TypeName { get; set; } = "";

    [Parameter(Position = 1)]
    [Alias("Args")]
    public object[]? ArgumentList { get; set; }

    [Parameter] public IDictionary? Property { get; set; }

    protected override void EndProcessing()
    {
        var type = LanguagePrimitives.ConvertTo<Type>(TypeName);
        PSObject created;
        if (type == typeof(PSObject) || type == typeof(PSCustomObject))
        {
            created = new PSObject();
        }
        else
        {
            // PowerShell's own overload resolution and argument conversion, as [Type]::new(...) gets; the
            // comma keeps a new collection from being enumerated on the way out.
            created = ScriptBlock.Create("param($type, $arguments) , $type::new.Invoke($arguments)")
                .Invoke(type, ArgumentList ?? [])[0];
        }
        if (Property is not null)
        {
            foreach (DictionaryEntry entry in Property)
            {
                var name = entry.Key.ToString()!;
                if (created.Properties[name] is { } existing) existing.Value = entry.Value;
                else created.Properties.Add(new PSNoteProperty(name, entry.Value));
            }
        }
        WriteObject(created, enumerateCollection: false);
    }
}

[Cmdlet(VerbsCommon.Select, "Object", DefaultParameterSetName = "DefaultParameter")]
public sealed class SelectObjectCommand : PSCmdlet
{
    private readonly List<PSObject> _items = [];
    private int _seen;
    private int _written;

    [Parameter(ValueFromPipeline = true)] public PSObject? InputObject { get; set; }
    [Parameter(Position = 0)] public string[]? Property { get; set; }
    [Parameter] public string? ExpandProperty { get; set; }
    [Parameter] public int First { get; set; } = -1;
    [Parameter] public int Last { get; set; } = -1;
    [Parameter] public int Skip { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is null) return;
        if (_seen++ < Skip) return;
        if (Last >= 0)
        {
            _items.Add(InputObject);
            return;
        }
        if (First >= 0 && _written >= First) return;
        _written++;
        Emit(InputObject);
    }

    protected override void EndProcessing()
    {
        if (Last < 0) return;
        foreach (var item in _items.Skip(Math.Max(0, _items.Count - Last))) Emit(item);
    }

    private void Emit(PSObject item)
    {
        if (ExpandProperty is not null)
        {
            WriteObject(item.Properties[ExpandProperty]?.Value, enumerateCollection: true);
            return;
        }
        if (Property is null)
        {
            WriteObject(item);
            return;
        }
        var selected = new PSObject();
        foreach (var name in Property)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var matches = item.Properties.Where(p => pattern.IsMatch(p.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                selected.Properties.Add(new PSNoteProperty(name, null));
            foreach (var match in matches) selected.Properties.Add(new PSNoteProperty(match.Name, SafeValue(match)));
        }
        WriteObject(selected);
    }

    private static object? SafeValue(PSPropertyInfo property)
    {
        try
        {
            return property.Value;
        }
        catch (GetValueException)
        {
            return null;
        }
    }
}

[Cmdlet("Sort", "Object")]
public sealed class SortObjectCommand : PSCmdlet
{
    private readonly List<PSObject> _items = [];

    [Parameter(ValueFromPipeline = true)] public PSObject? InputObject { get; set; }
    [Parameter(Position = 0)] public string[]? Property { get; set; }
    [Parameter] public SwitchParameter Descending { get; set; }
    [Parameter] public SwitchParameter Unique { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is not null) _items.Add(InputObject);
    }

    protected override void EndProcessing()
    {
        var comparer = Comparer<PSObject>.Create((a, b) =>
        {
            foreach (var key in Keys())
            {
                var order = LanguagePrimitives.Compare(key(a), key(b), ignoreCase: true);
                if (order != 0) return Descending ? -order : order;
            }
            return 0;
        });
        var sorted = _items.Order(comparer).ToList();
        if (Unique) sorted = sorted.Where((item, i) => i == 0 || comparer.Compare(sorted[i - 1], item) != 0).ToList();
        WriteObject(sorted, enumerateCollection: true);
    }

    private IEnumerable<Func<PSObject, object?>> Keys() =>
        Property is null
            ? [item => item.BaseObject]
            : Property.Select<string, Func<PSObject, object?>>(name => item => item.Properties[name]?.Value);
}

[Cmdlet(VerbsDiagnostic.Measure, "Object")]
public sealed class MeasureObjectCommand : PSCmdlet
{
    private readonly List<PSObject> _items = [];

    [Parameter(ValueFromPipeline = true)] public PSObject? InputObject { get; set; }
    [Parameter(Position = 0)] public string? Property { get; set; }
    [Parameter] public SwitchParameter Sum { get; set; }
    [Parameter] public SwitchParameter Average { get; set; }
    [Parameter] public SwitchParameter Maximum { get; set; }
    [Parameter] public SwitchParameter Minimum { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is not null) _items.Add(InputObject);
    }

    protected override void EndProcessing()
    {
        var values = _items.Select(i => Property is null ? i.BaseObject : i.Properties[Property]?.Value).ToList();
        var numbers = Sum || Average || Maximum || Minimum
            ? values.Select(v => LanguagePrimitives.ConvertTo<double>(v)).ToList()
            : [];
        var result = new PSObject();
        result.Properties.Add(new PSNoteProperty("Count", values.Count));
        result.Properties.Add(new PSNoteProperty("Average", Average && numbers.Count > 0 ? numbers.Average() : null));
        result.Properties.Add(new PSNoteProperty("Sum", Sum ? numbers.Sum() : null));
        result.Properties.Add(new PSNoteProperty("Maximum", Maximum && numbers.Count > 0 ? numbers.Max() : null));
        result.Properties.Add(new PSNoteProperty("Minimum", Minimum && numbers.Count > 0 ? numbers.Min() : null));
        result.Properties.Add(new PSNoteProperty("Property", Property));
        WriteObject(result);
    }
}
