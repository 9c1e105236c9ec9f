using Coordinator.Inventory.Yaml;

namespace Coordinator.Inventory.Reading;

/// <summary>
/// Where in the inventory a mapping sits, for messages: a dotted path (<c>defaults.ssh</c>) and, inside a host
/// or environment, the owner (<c>host 'web-01'</c>). <see cref="At"/> is where to point when something is missing.
/// </summary>
internal sealed record Section(string Path, string? Owner, Position At)
{
    public static Section Root { get; } = new("", null, new Position(1, 1));

    /// <summary>The section as a place: <c>at the top level</c>, <c>in 'defaults.ssh'</c>, <c>in 'ssh' of host 'web-01'</c>.</summary>
    public string Where => (Path, Owner) switch
    {
        ("", null) => "at the top level",
        ("", _) => $"in {Owner}",
        (_, null) => $"in '{Path}'",
        _ => $"in '{Path}' of {Owner}",
    };

    /// <summary>The section as a subject: <c>'defaults'</c>, <c>host 'web-01'</c>, <c>'ssh' of host 'web-01'</c>.</summary>
    public string Name => (Path, Owner) switch
    {
        ("", null) => "the inventory",
        ("", _) => Owner!,
        (_, null) => $"'{Path}'",
        _ => $"'{Path}' of {Owner}",
    };

    /// <summary>A key of this section as a subject: <c>'defaults.ssh.port'</c>, <c>'ssh.port' of host 'web-01'</c>.</summary>
    public string Field(string key) => Owner is null ? $"'{Join(key)}'" : $"'{Join(key)}' of {Owner}";

    public Section Child(string key, Position at) => this with { Path = Join(key), At = at };

    /// <summary>Item <paramref name="number"/> (from 1) of this list: <c>iis.baseline[2]</c>.</summary>
    public Section Item(int number, Position at) => this with { Path = $"{Path}[{number}]", At = at };

    public static Section Of(string owner, Position at) => new("", owner, at);

    private string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";
}
