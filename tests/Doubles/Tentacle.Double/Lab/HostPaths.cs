using System.Text.RegularExpressions;

namespace Tentacle.Double.Lab;

/// <summary>
/// Paths as the user of the impersonated OS writes them, and where they really are on this host.
/// On the Windows flavour every <c>X:\...</c> path lives under the lab's C: directory; messages keep
/// showing the Windows form the user gave.
/// </summary>
internal sealed partial class HostPaths(LabEnvironment lab)
{
    public char Separator => lab.IsWindowsFlavour ? '\\' : '/';

    public string MachineConfigurationHome =>
        lab.MachineConfigurationHomeOverride ?? (lab.IsWindowsFlavour ? @"C:\ProgramData\Octopus" : "/etc/octopus");

    public string InstancesDirectory => Combine(MachineConfigurationHome, "Tentacle", "Instances");

    /// <summary>The path to show and store: absolute, in the impersonated OS's own form.</summary>
    public string FullPath(string userPath)
    {
        if (!lab.IsWindowsFlavour)
            return Path.GetFullPath(userPath);
        return WindowsDrivePath().IsMatch(userPath) || Path.IsPathRooted(userPath)
            ? userPath
            : Path.GetFullPath(userPath.Replace('\\', '/'));
    }

    public string ToLocal(string userPath)
    {
        if (!lab.IsWindowsFlavour)
            return userPath;
        var drive = WindowsDrivePath().Match(userPath);
        if (!drive.Success)
            return userPath.Replace('\\', '/');
        var rest = drive.Groups["rest"].Value.Replace('\\', '/').TrimStart('/');
        return rest.Length == 0 ? lab.DriveC : Path.Join(lab.DriveC, rest);
    }

    public string Combine(string directory, params string[] parts) =>
        parts.Aggregate(directory, (left, right) => left.TrimEnd('\\', '/') + Separator + right);

    public string DirectoryOf(string userPath)
    {
        var cut = userPath.TrimEnd('\\', '/').LastIndexOfAny(lab.IsWindowsFlavour ? ['\\', '/'] : ['/']);
        if (cut < 0)
            return ".";
        var directory = userPath[..cut];
        if (directory.Length == 0)
            return "/";
        return lab.IsWindowsFlavour && directory.EndsWith(':') ? directory + '\\' : directory;
    }

    [GeneratedRegex(@"^[A-Za-z]:(?<rest>([\\/].*)?)$", RegexOptions.Singleline)]
    private static partial Regex WindowsDrivePath();
}
