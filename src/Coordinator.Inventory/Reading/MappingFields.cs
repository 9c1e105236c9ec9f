using System.Collections.Immutable;
using System.Globalization;
using Coordinator.Inventory.Yaml;

namespace Coordinator.Inventory.Reading;

/// <summary>
/// The keys of one inventory mapping, checked against the keys it may have, with typed getters that report a
/// precise error (and return <c>null</c>) for a wrong, missing or empty value. Absent optional keys are <c>null</c>
/// without an error.
/// </summary>
internal sealed class MappingFields
{
    private readonly Dictionary<string, MappingEntry> _entries;
    private readonly InventoryErrorList _errors;

    private MappingFields(Section section, Dictionary<string, MappingEntry> entries, InventoryErrorList errors)
    {
        Section = section;
        _entries = entries;
        _errors = errors;
    }

    public Section Section { get; }

    public InventoryErrorList Errors => _errors;

    /// <summary>Reads the keys of <paramref name="mapping"/>, reporting unknown keys (with a suggestion) and duplicates.</summary>
    public static MappingFields Read(MappingNode mapping, Section section, IReadOnlyList<string> allowedKeys, InventoryErrorList errors)
    {
        var entries = new Dictionary<string, MappingEntry>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (PlainKey(entry, section, errors) is not { } key)
            {
                continue;
            }

            if (!allowedKeys.Contains(key))
            {
                errors.Add(entry.Key.Start, UnknownKey(key, section, allowedKeys));
            }
            else if (entries.TryGetValue(key, out var first))
            {
                errors.Add(entry.Key.Start, $"duplicate key '{key}' {section.Where} (first at line {first.Key.Start.Line})");
            }
            else
            {
                entries.Add(key, entry);
            }
        }

        return new MappingFields(section, entries, errors);
    }

    /// <summary>The key's text, or <c>null</c> (reported) when a key is a list, a mapping or empty.</summary>
    public static string? PlainKey(MappingEntry entry, Section section, InventoryErrorList errors)
    {
        if (entry.Key is ScalarNode { IsNull: false } scalar && scalar.Value.Trim().Length > 0)
        {
            return scalar.Value.Trim();
        }

        errors.Add(entry.Key.Start, $"keys {section.Where} must be names");
        return null;
    }

    public bool Has(string key) => _entries.ContainsKey(key);

    public Position KeyAt(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key.Start : Section.At;

    public Position ValueAt(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value.Start : Section.At;

    public void Error(string key, string problem) => _errors.Add(ValueAt(key), $"{Section.Field(key)} {problem}");

    /// <summary>A nested mapping as its own <see cref="MappingFields"/>, in the section <c>{this}.{key}</c>.</summary>
    public MappingFields? Mapping(string key, IReadOnlyList<string> allowedKeys) =>
        RawMapping(key, $"expected a mapping with {string.Join(", ", allowedKeys)}") is { } mapping
            ? Read(mapping, Section.Child(key, KeyAt(key)), allowedKeys, _errors)
            : null;

    public MappingNode? RawMapping(string key, string hintWhenEmpty) => Present(key, hintWhenEmpty) switch
    {
        null => null,
        MappingNode mapping => mapping,
        var other => WrongType<MappingNode>(key, "a mapping of keys to values", other),
    };

    /// <param name="hintWhenEmpty">What to write when the key has no value; by default, <c>key: []</c> for none.</param>
    public SequenceNode? Sequence(string key, string example, string? hintWhenEmpty = null) =>
        Present(key, hintWhenEmpty ?? $"write {key}: [] for none") switch
        {
            null => null,
            SequenceNode sequence => sequence,
            var other => WrongType<SequenceNode>(key, $"a list such as {example}", other),
        };

    /// <summary>Trimmed, non-empty text.</summary>
    public string? Text(string key)
    {
        if (Scalar(key) is not { } scalar)
        {
            return null;
        }

        var text = scalar.Value.Trim();
        if (text.Length == 0)
        {
            Error(key, "is empty");
            return null;
        }

        return text;
    }

    /// <summary>Whether the key is there; if not, reports it as missing with what to write.</summary>
    public bool Require(string key, string whatToWrite)
    {
        if (Has(key))
        {
            return true;
        }

        _errors.Add(Section.At, $"{Section.Name} has no '{key}': add {key}: {whatToWrite}");
        return false;
    }

    public string? RequiredText(string key, string whatToWrite) => Require(key, whatToWrite) ? Text(key) : null;

    public int? Port(string key)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
        {
            return port;
        }

        Error(key, $"must be a port number from 1 to 65535, found '{text}'");
        return null;
    }

    /// <summary>A list of names, each trimmed and non-empty, without duplicates (ignoring case), in order.</summary>
    public ImmutableArray<string>? Names(string key, string example)
    {
        if (Sequence(key, example) is not { } sequence)
        {
            return null;
        }

        var names = new List<string>();
        var valid = true;
        foreach (var item in sequence.Items)
        {
            var name = item is ScalarNode { IsNull: false } scalar ? scalar.Value.Trim() : "";
            if (name.Length == 0)
            {
                _errors.Add(item.Start, $"{Section.Field(key)} must hold non-empty names only");
                valid = false;
            }
            else if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        return valid ? [.. names] : null;
    }

    /// <summary>One of a fixed set of words, ignoring case, with a suggestion for a misspelling.</summary>
    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> choices) where T : struct
    {
        if (Text(key) is not { } text)
        {
            return null;
        }

        var match = choices.FirstOrDefault(c => string.Equals(c.Key, text, StringComparison.OrdinalIgnoreCase));
        if (match.Key is not null)
        {
            return match.Value;
        }

        var words = choices.Keys.ToList();
        var allowed = words.Count == 2 ? $"{words[0]} or {words[1]}" : $"{string.Join(", ", words[..^1])} or {words[^1]}";
        Error(key, $"must be {allowed}, found '{text}'{DidYouMean(SpellingSuggestion.Closest(text, words))}");
        return null;
    }

    public TimeSpan? Duration(string key)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }

        if (DurationText.Parse(text) is { } duration)
        {
            return duration;
        }

        Error(key, $"must be a duration such as 90s, 10m or 1h30m, found '{text}'");
        return null;
    }

    public static string DidYouMean(string? suggestion) => suggestion is null ? "" : $" — did you mean '{suggestion}'?";

    private ScalarNode? Scalar(string key) => Present(key) switch
    {
        null => null,
        ScalarNode scalar => scalar,
        var other => WrongType<ScalarNode>(key, "a single value", other),
    };

    /// <summary>The key's value unless it is absent, or present without a value (reported).</summary>
    private YamlNode? Present(string key, string? hintWhenEmpty = null)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.Value is ScalarNode { IsNull: true })
        {
            var hint = hintWhenEmpty is null ? "" : $": {hintWhenEmpty}";
            _errors.Add(entry.Key.Start, $"{Section.Field(key)} has no value{hint}");
            return null;
        }

        return entry.Value;
    }

    private T? WrongType<T>(string key, string expected, YamlNode found) where T : YamlNode
    {
        var description = found switch
        {
            ScalarNode scalar => $"'{scalar.Value}'",
            SequenceNode => "a list",
            _ => "a mapping",
        };
        Error(key, $"must be {expected}, found {description}");
        return null;
    }

    private static string UnknownKey(string key, Section section, IReadOnlyList<string> allowedKeys)
    {
        if (key == "<<")
        {
            return $"YAML merge keys ('<<') are not supported {section.Where}: put shared settings under 'defaults'";
        }

        var suggestion = SpellingSuggestion.Closest(key, allowedKeys);
        return suggestion is not null
            ? $"unknown key '{key}' {section.Where}{DidYouMean(suggestion)}"
            : $"unknown key '{key}' {section.Where}; expected one of: {string.Join(", ", allowedKeys)}";
    }
}
