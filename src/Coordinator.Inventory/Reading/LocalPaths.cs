namespace Coordinator.Inventory.Reading;

/// <summary>
/// Turns paths written in the inventory into absolute local paths: <c>~</c> is the user's home directory and a
/// relative path is relative to the inventory file's directory, so the file works from any working directory.
/// </summary>
internal sealed class LocalPaths(string baseDirectory, string homeDirectory)
{
    public string Resolve(string written)
    {
        if (written == "~")
        {
            return Path.GetFullPath(homeDirectory);
        }

        if (written.StartsWith("~/", StringComparison.Ordinal) ||
            written.StartsWith("~" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return Path.GetFullPath(Path.Combine(homeDirectory, written[2..]));
        }

        return Path.GetFullPath(Path.Combine(baseDirectory, written));
    }

    /// <summary>Why the file at <paramref name="fullPath"/> cannot be read, or <c>null</c> if it can.</summary>
    public static string? ProblemReading(string fullPath)
    {
        if (Directory.Exists(fullPath))
        {
            return $"names a directory, not a file: {fullPath}";
        }

        if (!File.Exists(fullPath))
        {
            return $"names a file that does not exist: {fullPath}";
        }

        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"names a file that cannot be read: {fullPath} ({e.Message})";
        }
    }
}
