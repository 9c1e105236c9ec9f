namespace Coordinator.Lab;

/// <summary>
/// A directory of programs every host of a lab sees read-only at <c>/opt/coordinator-lab/tools/&lt;Name&gt;</c>
/// (<see cref="LabPaths.Tool"/>). It is copied once when the lab starts, so hosts never depend on where it
/// came from: a host has its own /tmp, and a repository cloned under /tmp would be invisible to it.
/// Image files reach it through <see cref="LabHostFile.Launcher(string, LabTool, string, string[])"/>.
/// </summary>
public sealed record LabTool
{
    public LabTool(string name, string sourceDirectory)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/') || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a tool name.", nameof(name));
        }

        Name = name;
        SourceDirectory = Path.GetFullPath(sourceDirectory);
    }

    public string Name { get; }

    public string SourceDirectory { get; }

    /// <summary>Where hosts see the tool's directory.</summary>
    public string PathOnHost => LabPaths.Tool(Name);
}
