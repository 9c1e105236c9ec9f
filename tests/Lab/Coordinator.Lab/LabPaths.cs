namespace Coordinator.Lab;

/// <summary>Well-known paths as a session on a lab host sees them.</summary>
public static class LabPaths
{
    /// <summary>The host's own command directory, first on PATH: stand-ins for system tools go here.</summary>
    public const string StandIns = "/usr/local/sbin";

    /// <summary>Drive C: of a Windows-flavoured host.</summary>
    public const string DriveC = "/windows/c";

    /// <summary>
    /// The lab's tools (<see cref="LabTool"/>), mounted read-only into every host: the same files on every
    /// host, outside /tmp, which each host has to itself.
    /// </summary>
    public const string Tools = "/opt/coordinator-lab/tools";

    /// <summary>Where a stand-in command called <paramref name="name"/> lives on a host.</summary>
    public static string StandIn(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/'))
        {
            throw new ArgumentException($"'{name}' is not a command name.", nameof(name));
        }

        return $"{StandIns}/{name}";
    }

    /// <summary>Where a host sees the tool directory called <paramref name="name"/>, or a file in it.</summary>
    public static string Tool(string name, string? relativePath = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/'))
        {
            throw new ArgumentException($"'{name}' is not a tool name.", nameof(name));
        }

        return relativePath is null ? $"{Tools}/{name}" : $"{Tools}/{name}/{relativePath.TrimStart('/')}";
    }

    /// <summary>Where a Windows path such as <c>C:\Windows\System32\inetsrv\appcmd.exe</c> lives on a host.</summary>
    public static string OnDriveC(string windowsPath)
    {
        var isOnDriveC = windowsPath.Length >= 3
            && char.ToUpperInvariant(windowsPath[0]) == 'C'
            && windowsPath[1] == ':'
            && windowsPath[2] is '\\' or '/';
        if (!isOnDriveC)
        {
            throw new ArgumentException($"'{windowsPath}' is not an absolute path on drive C:.", nameof(windowsPath));
        }

        var relative = windowsPath[3..].Replace('\\', '/').Trim('/');
        return relative.Length == 0 ? DriveC : $"{DriveC}/{relative}";
    }
}
