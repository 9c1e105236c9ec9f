namespace Coordinator.Inventory.Reading;

/// <summary>Reads a file the operator named, turning the usual failures into an error they can act on.</summary>
internal static class SourceFile
{
    /// <param name="path">The file, as the operator wrote it.</param>
    /// <param name="document">What the file is, for messages: <c>the inventory file</c>.</param>
    /// <param name="text">The file's text when it could be read.</param>
    /// <returns>The problem, or <c>null</c> when <paramref name="text"/> holds the file.</returns>
    public static InventoryError? Read(string path, string document, out string text)
    {
        text = "";
        try
        {
            text = File.ReadAllText(path);
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new InventoryError(path, 0, 0, $"{document} does not exist: {Path.GetFullPath(path)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new InventoryError(path, 0, 0, $"{document} cannot be read: {e.Message}");
        }
    }
}
