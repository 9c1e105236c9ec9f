namespace Coordinator.Inventory.Tests;

/// <summary>
/// A temporary directory holding an inventory's neighbours (keys, installers, known_hosts) and a fake home
/// directory with <c>~/.ssh/id_ed25519</c>, so inventories can be parsed as if they sat in it.
/// </summary>
public sealed class InventoryWorkspace : IDisposable
{
    public const string FileName = "fleet.yaml";

    public InventoryWorkspace()
    {
        Root = Directory.CreateTempSubdirectory("coord-inventory-").FullName;
        Home = Path.Combine(Root, "home");
        CreateFile("home/.ssh/id_ed25519");
    }

    /// <summary>Where the inventory "lives": relative paths resolve here.</summary>
    public string Root { get; }

    /// <summary>What <c>~</c> expands to.</summary>
    public string Home { get; }

    public string DefaultIdentity => Path.Combine(Home, ".ssh", "id_ed25519");

    /// <summary>Creates a file (and its directories) relative to <see cref="Root"/>; returns its absolute path.</summary>
    public string CreateFile(string relativePath, string content = "placeholder")
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public InventoryLoadResult Parse(string yaml) => InventoryLoader.Parse(yaml, FileName, Root, Home);

    /// <summary>Parses and asserts success, showing every error otherwise.</summary>
    public FleetInventory Load(string yaml)
    {
        var result = Parse(yaml);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Inventory;
    }

    /// <summary>Parses, asserts failure and returns the errors as printed to the operator.</summary>
    public IReadOnlyList<string> Errors(string yaml)
    {
        var result = Parse(yaml);
        Assert.False(result.Succeeded, "expected the inventory to be rejected");
        return result.Errors.Select(e => e.ToString()).ToList();
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
