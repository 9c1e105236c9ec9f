namespace Lab.Windows;

/// <summary>
/// The drive C: of a windows-flavoured lab host is an ordinary directory named by env LAB_DRIVE_C (the lab sets
/// it to /windows/c, a private mount on each host). There is deliberately no default: a double run outside a lab
/// host without it must fail loudly instead of writing into the real machine's /windows/c, which every lab host
/// would then see. Every Windows double maps <c>C:\...</c> arguments onto it the same way, so this file is
/// compiled into each of them.
/// </summary>
internal static class LabDrive
{
    public const string RootVariable = "LAB_DRIVE_C";

    /// <summary>The host directory that plays drive C:, without a trailing slash.</summary>
    public static string Root
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(RootVariable);
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new InvalidOperationException(
                    $"{RootVariable} is not set: the windows-flavoured doubles run on lab hosts, which set it to the host's drive C: directory.");
            }

            var root = Path.GetFullPath(configured);
            return root.Length > 1 ? root.TrimEnd('/') : root;
        }
    }

    /// <summary>
    /// <c>C:\Program Files\x</c> or <c>C:/x</c> becomes a path under <see cref="Root"/>; any other path keeps
    /// its meaning on the host, with Windows separators turned into '/'.
    /// </summary>
    public static string ToHostPath(string path)
    {
        var unified = path.Replace('\\', '/');
        if (IsDriveC(unified))
        {
            var rest = unified[2..].TrimStart('/');
            return rest.Length == 0 ? Root : Path.Combine(Root, rest);
        }
        return unified;
    }

    /// <summary>The <c>C:\...</c> form of a host path under <see cref="Root"/>, or null when it is elsewhere.</summary>
    public static string? ToWindowsPath(string hostPath)
    {
        var full = Path.GetFullPath(hostPath).TrimEnd('/');
        var root = Root;
        if (full == root) return @"C:\";
        if (!full.StartsWith(root + "/", StringComparison.Ordinal)) return null;
        return @"C:\" + full[(root.Length + 1)..].Replace('/', '\\');
    }

    private static bool IsDriveC(string path) =>
        path.Length >= 2 && (path[0] == 'C' || path[0] == 'c') && path[1] == ':';
}
