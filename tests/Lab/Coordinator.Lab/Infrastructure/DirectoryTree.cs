namespace Coordinator.Lab;

/// <summary>Copying directory trees: images into hosts, tools into a lab.</summary>
internal static class DirectoryTree
{
    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/>; File.Copy keeps each file's mode, so programs stay executable.</summary>
    public static void Copy(DirectoryInfo source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in source.EnumerateFiles())
        {
            file.CopyTo(Path.Combine(destination, file.Name), overwrite: true);
        }

        foreach (var directory in source.EnumerateDirectories())
        {
            Copy(directory, Path.Combine(destination, directory.Name));
        }
    }
}
