using Coordinator.Inventory.Reading;
using Coordinator.Inventory.Yaml;

namespace Coordinator.Inventory;

/// <summary>
/// Reads a fleet inventory file and validates all of it: the result is either a fully resolved
/// <see cref="FleetInventory"/> or every problem found, each with its line and column. See docs/inventory.md.
/// </summary>
public static class InventoryLoader
{
    /// <summary>Loads the inventory at <paramref name="path"/>; relative paths inside it are relative to its directory.</summary>
    public static InventoryLoadResult Load(string path) =>
        SourceFile.Read(path, "the inventory file", out var text) is { } problem
            ? InventoryLoadResult.Invalid([problem])
            : Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path))!);

    /// <summary>Validates inventory text.</summary>
    /// <param name="text">The YAML.</param>
    /// <param name="sourceName">How errors name the file, e.g. <c>fleet.yaml</c>.</param>
    /// <param name="baseDirectory">What relative paths in the inventory are relative to.</param>
    /// <param name="homeDirectory">What <c>~</c> stands for; the current user's home directory when null.</param>
    public static InventoryLoadResult Parse(string text, string sourceName, string baseDirectory, string? homeDirectory = null)
    {
        var errors = new InventoryErrorList(sourceName);
        YamlNode? root;
        try
        {
            root = YamlTreeReader.Read(text, "the inventory");
        }
        catch (YamlSyntaxException e)
        {
            errors.Add(e.At, e.Message);
            return InventoryLoadResult.Invalid(errors.InDocumentOrder());
        }

        var paths = new LocalPaths(
            Path.GetFullPath(baseDirectory),
            homeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        var inventory = new InventoryReader(errors, paths).Read(root, sourceName);
        return inventory is not null && !errors.Any
            ? InventoryLoadResult.Valid(inventory)
            : InventoryLoadResult.Invalid(errors.InDocumentOrder());
    }
}
