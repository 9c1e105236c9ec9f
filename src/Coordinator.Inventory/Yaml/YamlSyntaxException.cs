namespace Coordinator.Inventory.Yaml;

/// <summary>The text is not YAML the inventory can use; nothing after this point can be checked.</summary>
internal sealed class YamlSyntaxException(Position at, string message) : Exception(message)
{
    public Position At { get; } = at;
}
