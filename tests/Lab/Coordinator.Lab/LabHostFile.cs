using System.Text;

namespace Coordinator.Lab;

/// <summary>
/// A file every fresh host of a flavour starts with, like a file baked into the image a VM is built
/// from: stand-in commands in <see cref="LabPaths.StandIns"/>, tools and configuration on drive C:.
/// It is laid down when a host is created and again when it is destroyed and recreated.
/// </summary>
public sealed class LabHostFile
{
    private readonly byte[]? _content;
    private readonly string? _sourcePath;

    private LabHostFile(string pathOnHost, byte[]? content, string? sourcePath, bool executable)
    {
        if (!pathOnHost.StartsWith('/'))
        {
            throw new ArgumentException($"'{pathOnHost}' is not an absolute path on the host.", nameof(pathOnHost));
        }

        PathOnHost = pathOnHost;
        _content = content;
        _sourcePath = sourcePath;
        Executable = executable;
    }

    /// <summary>Where the file is, as a session on the host sees it.</summary>
    public string PathOnHost { get; }

    public bool Executable { get; }

    /// <summary>
    /// A script that runs <paramref name="executable"/> with <paramref name="arguments"/> followed by its
    /// own arguments. The executable must not live under /tmp or /var/tmp: hosts have their own.
    /// </summary>
    public static LabHostFile Launcher(string pathOnHost, string executable, params string[] arguments)
    {
        var command = string.Join(' ', new[] { executable }.Concat(arguments).Select(ShellQuoting.Quote));
        return FromText(pathOnHost, $"#!/bin/sh\nexec {command} \"$@\"\n", executable: true);
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
