using System.Text.RegularExpressions;

namespace Coordinator.Tentacle;

/// <summary>
/// What Octopus's installer file names say: <c>tentacle-8.3.2971-net8.0-linux-x64.tar.gz</c> is a tarball of 8.3.2971,
/// <c>Octopus.Tentacle.8.3.2971-x64.msi</c> an MSI of it. Lets the caller fill <see cref="DesiredTentacle.ExpectedVersion"/>
/// and <see cref="TentacleInstaller.Kind"/> from the installer it holds.
/// </summary>
public static partial class InstallerFileName
{
    /// <summary>The kind and version, or <c>null</c> when the name does not follow either convention.</summary>
    public static (InstallerKind Kind, string Version)? Read(string fileName)
    {
        var name = Path.GetFileName(fileName);
        if (Tarball().Match(name) is { Success: true } tarball)
            return (InstallerKind.Tarball, tarball.Groups["version"].Value);
        if (Msi().Match(name) is { Success: true } msi)
            return (InstallerKind.Msi, msi.Groups["version"].Value);
        return null;
    }

    [GeneratedRegex(@"^tentacle-(?<version>[0-9]+(\.[0-9]+){1,3})-.*\.tar\.gz$", RegexOptions.IgnoreCase)]
    private static partial Regex Tarball();

    [GeneratedRegex(@"^Octopus\.Tentacle\.(?<version>[0-9]+(\.[0-9]+){1,3})(-x64|-x86)?\.msi$", RegexOptions.IgnoreCase)]
    private static partial Regex Msi();
}
