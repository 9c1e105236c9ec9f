using System.Text;

namespace Coordinator.Lab;

/// <summary>
/// A file every fresh host of a flavour starts with, like a file baked into the image a VM is built
/// from: stand-in commands in <see cref="LabPaths.StandIns"/>, tools and configuration on drive C:.
/// It is laid down when a host is created and again when it is destroyed and recreated.
/// </summary>
public sealed class LabHostFile
{
    private static readonly string[] HostPrivateTemporaryDirectories = ["/tmp/", "/var/tmp/"];

    private readonly byte[]? _content;
    private readonly string? _sourcePath;

    private LabHostFile(string pathOnHost, byte[]? content, string? sourcePath, bool executable, LabTool? tool = null)
    {
        if (!pathOnHost.StartsWith('/'))
        {
            throw new ArgumentException($"'{pathOnHost}' is not an absolute path on the host.", nameof(pathOnHost));
        }

        PathOnHost = pathOnHost;
        _content = content;
        _sourcePath = sourcePath;
        Executable = executable;
        Tool = tool;
    }

    /// <summary>Where the file is, as a session on the host sees it.</summary>
    public string PathOnHost { get; }

    public bool Executable { get; }

    /// <summary>The tool directory the file runs a program from, which the lab then mounts into every host.</summary>
    public LabTool? Tool { get; }

    /// <summary>
    /// A script that runs <paramref name="executable"/> with <paramref name="arguments"/> followed by its
    /// own arguments. The executable must not live under /tmp or /var/tmp: hosts have their own, so a
    /// program there (a repository cloned under /tmp) is not what the host sees. Use a <see cref="LabTool"/>.
    /// </summary>
    public static LabHostFile Launcher(string pathOnHost, string executable, params string[] arguments)
    {
        var absolute = Path.IsPathRooted(executable) ? Path.GetFullPath(executable) : null;
        if (absolute is not null && HostPrivateTemporaryDirectories.Any(directory => absolute.StartsWith(directory, StringComparison.Ordinal)))
        {
            throw new ArgumentException(
                $"'{executable}' is under /tmp or /var/tmp, which every lab host has its own copy of; make its directory a LabTool instead.",
                nameof(executable));
        }

        return LauncherScript(pathOnHost, executable, arguments, tool: null);
    }

    /// <summary>
    /// A script that runs <paramref name="program"/> (a path inside <paramref name="tool"/>) with
    /// <paramref name="arguments"/> followed by its own arguments, from the tool's read-only mount.
    /// </summary>
    public static LabHostFile Launcher(string pathOnHost, LabTool tool, string program, params string[] arguments)
    {
        if (!File.Exists(Path.Combine(tool.SourceDirectory, program)))
        {
            throw new FileNotFoundException($"The tool '{tool.Name}' has no '{program}' in {tool.SourceDirectory}.", Path.Combine(tool.SourceDirectory, program));
        }

        return LauncherScript(pathOnHost, LabPaths.Tool(tool.Name, program), arguments, tool);
    }

    private static LabHostFile LauncherScript(string pathOnHost, string executable, string[] arguments, LabTool? tool)
    {
        var command = string.Join(' ', new[] { executable }.Concat(arguments).Select(ShellQuoting.Quote));
        return new LabHostFile(pathOnHost, Encoding.UTF8.GetBytes($"#!/bin/sh\nexec {command} \"$@\"\n"), sourcePath: null, executable: true, tool);
    }

    public static LabHostFile FromText(string pathOnHost, string text, bool executable = false) =>
        new(pathOnHost, Encoding.UTF8.GetBytes(text), sourcePath: null, executable);

    /// <summary>A copy of an existing file, read when the lab starts; it keeps the file's mode.</summary>
    public static LabHostFile CopyOf(string sourcePath, string pathOnHost)
    {
        var source = Path.GetFullPath(sourcePath);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"No file to place on lab hosts at '{source}'.", source);
        }

        var executable = (File.GetUnixFileMode(source) & UnixFileMode.UserExecute) != 0;
        return new LabHostFile(pathOnHost, content: null, source, executable);
    }

    internal async Task WriteAsync(string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        if (_sourcePath is not null)
        {
            await using var source = File.OpenRead(_sourcePath);
            await using var target = File.Create(destination);
            await source.CopyToAsync(target, cancellationToken);
        }
        else
        {
            await File.WriteAllBytesAsync(destination, _content!, cancellationToken);
        }

        File.SetUnixFileMode(destination, Executable ? FileModes.Executable : FileModes.Readable);
    }
}
