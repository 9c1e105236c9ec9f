using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

// The real cmdlets live in this namespace; error ids and type names in scripts and error output match theirs.
namespace Microsoft.PowerShell.Commands;

/// <summary>ConvertTo-Json with PowerShell 7's output: two-space indentation, default depth 2.</summary>
[Cmdlet(VerbsData.ConvertTo, "Json")]
[OutputType(typeof(string))]
public sealed class ConvertToJsonCommand : PSCmdlet
{
    private readonly List<object?> _items = [];
    private bool _truncated;

    [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public object? InputObject { get; set; }

    [Parameter]
    [ValidateRange(0, 100)]
    public int Depth { get; set; } = 2;

    [Parameter] public SwitchParameter Compress { get; set; }
    [Parameter] public SwitchParameter AsArray { get; set; }
    [Parameter] public SwitchParameter EnumsAsStrings { get; set; }

    protected override void ProcessRecord() => _items.Add(InputObject);

    protected override void EndProcessing()
    {
        if (_items.Count == 0) return;
        var root = _items.Count == 1 && !AsArray ? ToToken(_items[0], 0) : new JArray(_items.Select(i => ToToken(i, 0)));
        if (_truncated) WriteWarning($"Resulting JSON is truncated as serialization has exceeded the set depth of {Depth}.");
        WriteObject(root.ToString(Compress ? Formatting.None : Formatting.Indented));
    }

    private JToken ToToken(object? value, int level)
    {
        var psObject = value as PSObject;
        var bare = PowerShellValues.Unwrap(value);
        switch (bare)
        {
            case null:
                return JValue.CreateNull();
            case string or char or bool or DateTime or DateTimeOffset or decimal or double or float:
            case byte or sbyte or short or ushort or int or uint or long or ulong:
                return new JValue(bare);
            case Guid or Uri or Version:
                return new JValue(bare.ToString());
            case Enum e:
                return EnumsAsStrings ? new JValue(e.ToString()) : new JValue(Convert.ToInt64(e));
        }
        if (level >= Depth)
        {
            _truncated = true;
            return new JValue(bare.ToString());
        }
        switch (bare)
        {
            case IDictionary dictionary:
                var fromDictionary = new JObject();
                foreach (DictionaryEntry entry in dictionary)
                    fromDictionary[entry.Key.ToString()!] = ToToken(entry.Value, level + 1);
                return fromDictionary;
            case IEnumerable items:
                return new JArray(items.Cast<object?>().Select(i => ToToken(i, level + 1)));
        }
        var properties = (psObject ?? PSObject.AsPSObject(bare)).Properties
            .Where(p => p.IsGettable && p.MemberType is PSMemberTypes.Property or PSMemberTypes.NoteProperty
                or PSMemberTypes.AliasProperty or PSMemberTypes.ScriptProperty or PSMemberTypes.CodeProperty);
        var fromObject = new JObject();
        foreach (var property in properties)
        {
            object? propertyValue;
            try
            {
                propertyValue = property.Value;
            }
            catch (GetValueException)
            {
                continue;
            }
            fromObject[property.Name] = ToToken(propertyValue, level + 1);
        }
        return fromObject;
    }
}

[Cmdlet(VerbsData.ConvertFrom, "Json")]
public sealed class ConvertFromJsonCommand : PSCmdlet
{
    private readonly List<string> _lines = [];

    [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true)]
    [AllowEmptyString]
    public string InputObject { get; set; } = "";

    [Parameter] public SwitchParameter AsHashtable { get; set; }
    [Parameter] public SwitchParameter NoEnumerate { get; set; }
    [Parameter] public int Depth { get; set; } = 1024;

    protected override void ProcessRecord() => _lines.Add(InputObject);

    protected override void EndProcessing()
    {
        var text = string.Join('\n', _lines);
        if (string.IsNullOrWhiteSpace(text)) return;
        JToken token;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            token = JToken.ReadFrom(reader);
        }
        catch (JsonReaderException e)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("Conversion from JSON failed with error: " + e.Message, e), "System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand", ErrorCategory.ParserError, text));
            return;
        }
        WriteObject(FromToken(token), enumerateCollection: !NoEnumerate);
    }

    private object? FromToken(JToken token) => token switch
    {
        JObject obj when AsHashtable => ToHashtable(obj),
        JObject obj => ToCustomObject(obj),
        JArray array => array.Select(FromToken).ToArray(),
        JValue { Type: JTokenType.Integer, Value: long l } => l is >= int.MinValue and <= int.MaxValue ? (int)l : l,
        JValue value => value.Value,
        _ => null,
    };

    private OrderedDictionary ToHashtable(JObject obj)
    {
        var table = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var property in obj.Properties()) table[property.Name] = FromToken(property.Value);
        return table;
    }

    private PSObject ToCustomObject(JObject obj)
    {
        var result = new PSObject();
        foreach (var property in obj.Properties()) result.Properties.Add(new PSNoteProperty(property.Name, FromToken(property.Value)));
        return result;
    }
}
