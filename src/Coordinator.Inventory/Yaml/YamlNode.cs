namespace Coordinator.Inventory.Yaml;

/// <summary>A 1-based line and column in the inventory text.</summary>
internal readonly record struct Position(int Line, int Column);

/// <summary>
/// A YAML node that remembers where it starts. Unlike YamlDotNet's representation model, mappings keep duplicate
/// keys so the validator can report every one of them instead of stopping at the first.
/// </summary>
internal abstract record YamlNode(Position Start);

/// <param name="IsNull">A plain empty value, <c>~</c> or <c>null</c>: YAML's "nothing here".</param>
internal sealed record ScalarNode(Position Start, string Value, bool IsNull) : YamlNode(Start);

internal sealed record SequenceNode(Position Start, IReadOnlyList<YamlNode> Items) : YamlNode(Start);

internal sealed record MappingNode(Position Start, IReadOnlyList<MappingEntry> Entries) : YamlNode(Start);

internal sealed record MappingEntry(YamlNode Key, YamlNode Value);
