namespace Coordinator.Lab;

/// <summary>
/// The lab's tools on the machine and in the hosts: each <see cref="LabTool"/> is copied once into the
/// lab's <c>tools/</c> directory, which every host's boot script mounts read-only at <see cref="LabPaths.Tools"/>.
/// </summary>
internal static class ToolMount
{
    /// <summary>The tools the images' files run, each once; two different directories under one name are refused.</summary>
    public static IReadOnlyList<LabTool> NeededBy(IEnumerable<LabHostFile> files)
    {
        var tools = new Dictionary<string, LabTool>();
        foreach (var tool in files.Select(file => file.Tool).OfType<LabTool>())
        {
            if (tools.TryGetValue(tool.Name, out var known) && known.SourceDirectory != tool.SourceDirectory)
            {
                throw new ArgumentException($"Two tools are called '{tool.Name}': {known.SourceDirectory} and {tool.SourceDirectory}.");
            }

            tools[tool.Name] = tool;
        }

        return [.. tools.Values];
    }

    /// <summary>Copies the tools into the lab and makes sure the machine has the directory hosts mount them over.</summary>
    public static void Install(LabDirectory lab, IReadOnlyList<LabTool> tools)
    {
        if (tools.Count == 0)
        {
            return;
        }

        // Like /opt/octopus, a mount point that stays on the machine, empty.
        Directory.CreateDirectory(LabPaths.Tools);
        foreach (var tool in tools)
        {
            if (!Directory.Exists(tool.SourceDirectory))
            {
                throw new DirectoryNotFoundException($"The tool '{tool.Name}' has no directory at {tool.SourceDirectory}.");
            }

            DirectoryTree.Copy(new DirectoryInfo(tool.SourceDirectory), Path.Combine(lab.ToolsDirectory, tool.Name));
        }
    }

    /// <summary>The boot script's commands that mount the lab's tools, or none when the lab has none.</summary>
    public static IReadOnlyList<string> MountCommands(LabDirectory lab)
    {
        if (!Directory.Exists(lab.ToolsDirectory))
        {
            return [];
        }

        var target = ShellQuoting.Quote(LabPaths.Tools);
        return
        [
            $"mount --bind {ShellQuoting.Quote(lab.ToolsDirectory)} {target}",
            $"mount -o remount,bind,ro {target}",
        ];
    }
}
