namespace Coordinator.HostAccess;

/// <summary>
/// How a Windows path (<c>C:\Windows\Temp\x.pfx</c>) becomes the path a Windows host's SFTP server takes.
/// OpenSSH for Windows shows drive C: as <c>/C:</c>, so the default gives <c>/C:/Windows/Temp/x.pfx</c>.
/// The lab's windows-flavoured hosts keep drive C: at <c>/windows/c</c> of a Linux file system:
/// <c>WithDriveRoots(new Dictionary&lt;char, string&gt; { ['C'] = "/windows/c" })</c>.
/// A path that already starts with <c>/</c> is taken as an SFTP path and passed on unchanged.
/// </summary>
public sealed class WindowsSftpPaths
{
    private readonly Func<char, string?> _driveRoot;

    private WindowsSftpPaths(Func<char, string?> driveRoot) => _driveRoot = driveRoot;

    /// <summary>OpenSSH for Windows: drive X: is <c>/X:</c>.</summary>
    public static WindowsSftpPaths OpenSshForWindows { get; } = new(drive => $"/{drive}:");

    /// <summary>Each listed drive at a POSIX directory (no trailing slash); other drives are refused.</summary>
    public static WindowsSftpPaths WithDriveRoots(IReadOnlyDictionary<char, string> roots)
    {
        var copy = roots.ToDictionary(root => char.ToUpperInvariant(root.Key), root => root.Value.TrimEnd('/'));
        return new WindowsSftpPaths(drive => copy.GetValueOrDefault(drive));
    }

    public string ToSftpPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path.StartsWith('/'))
        {
            return path;
        }

        var isAbsolute = path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/';
        if (!isAbsolute)
        {
            throw new ArgumentException($"'{path}' is not an absolute Windows path such as C:\\Windows\\Temp\\file.", nameof(path));
        }

        var drive = char.ToUpperInvariant(path[0]);
        var root = _driveRoot(drive) ?? throw new ArgumentException($"'{path}' is on drive {drive}:, which has no SFTP location configured.", nameof(path));
        var relative = path[3..].Replace('\\', '/').Trim('/');
        return relative.Length == 0 ? root : $"{root}/{relative}";
    }
}
