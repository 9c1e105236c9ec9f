using System.Net;
using System.Text.RegularExpressions;

namespace Coordinator.Tentacle;

/// <summary>
/// Checks a <see cref="DesiredTentacle"/> before any script is generated from it and returns it normalised
/// (thumbprint upper-case, directories without trailing separators, <c>any</c> lower-case).
/// </summary>
public static partial class DesiredTentacleValidator
{
    /// <summary>The folder at the root of the Linux tarball.</summary>
    public const string TarballRootFolder = "tentacle";

    /// <summary>The normalised settings, or <see cref="InvalidTentacleSettingsException"/> listing every problem.</summary>
    public static DesiredTentacle Validated(DesiredTentacle desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var problems = new List<string>();
        var windows = desired.Platform == TentaclePlatform.Windows;

        var normalised = desired with
        {
            InstallDirectory = WithoutTrailingSeparator(desired.InstallDirectory, windows),
            HomeDirectory = WithoutTrailingSeparator(desired.HomeDirectory, windows),
            ApplicationDirectory = WithoutTrailingSeparator(desired.ApplicationDirectory, windows),
            ServerThumbprint = desired.ServerThumbprint?.ToUpperInvariant()!,
            ListenAddress = desired.ListensOnAnyAddress ? DesiredTentacle.AnyAddress : desired.ListenAddress,
        };

        CheckPath(problems, desired.Platform, "executable", normalised.Executable);
        CheckPath(problems, desired.Platform, "install directory", normalised.InstallDirectory);
        CheckPath(problems, desired.Platform, "configuration file", normalised.ConfigurationFile);
        CheckPath(problems, desired.Platform, "home directory", normalised.HomeDirectory);
        CheckPath(problems, desired.Platform, "application directory", normalised.ApplicationDirectory);
        CheckInstance(problems, desired.Platform, normalised.Instance);
        CheckListener(problems, normalised);
        CheckThumbprint(problems, "Octopus Server thumbprint", normalised.ServerThumbprint);
        CheckInstaller(problems, normalised);
        if (normalised.ExpectedVersion is not null && !VersionText().IsMatch(normalised.ExpectedVersion))
            problems.Add($"The expected version '{Shown(normalised.ExpectedVersion)}' is not a version such as 8.3.2971.");

        return problems.Count == 0 ? normalised : throw new InvalidTentacleSettingsException(problems);
    }

    /// <summary>Problems with a remote file path the caller passes to a step (e.g. the uploaded PFX).</summary>
    internal static void CheckRemoteFile(List<string> problems, TentaclePlatform platform, string what, string path) =>
        CheckPath(problems, platform, what, path);

    internal static void CheckThumbprint(List<string> problems, string what, string? thumbprint)
    {
        if (thumbprint is null || !ThumbprintText().IsMatch(thumbprint))
            problems.Add($"The {what} '{Shown(thumbprint)}' is not a SHA-1 thumbprint (40 hexadecimal characters).");
    }

    /// <summary>The directory the tarball is extracted into: the install directory without its last segment.</summary>
    internal static string TarballParent(string installDirectory)
    {
        var parent = installDirectory[..installDirectory.LastIndexOf('/')];
        return parent.Length == 0 ? "/" : parent;
    }

    static void CheckPath(List<string> problems, TentaclePlatform platform, string what, string? path)
    {
        if (!CheckText(problems, platform, what, path))
            return;
        if (platform == TentaclePlatform.Linux && !path!.StartsWith('/'))
            problems.Add($"The {what} '{path}' must be an absolute path (starting with /).");
        if (platform == TentaclePlatform.Windows && !WindowsAbsolutePath().IsMatch(path!))
            problems.Add($"The {what} '{path}' must be an absolute path with a drive letter (such as C:\\Octopus).");
    }

    static void CheckInstance(List<string> problems, TentaclePlatform platform, string? instance)
    {
        if (!CheckText(problems, platform, "instance name", instance))
            return;
        if (instance!.StartsWith('-') || instance.IndexOfAny(['/', '\\']) >= 0)
            problems.Add($"The instance name '{instance}' must not start with '-' or contain '/' or '\\': Tentacle would read it as an option or a path.");
    }

    static void CheckListener(List<string> problems, DesiredTentacle desired)
    {
        if (desired.ListenPort is < 1 or > 65535)
            problems.Add($"The listen port {desired.ListenPort} is not a TCP port (1-65535).");
        if (!desired.ListensOnAnyAddress && !IPAddress.TryParse(desired.ListenAddress ?? string.Empty, out _))
            problems.Add($"The listen address '{Shown(desired.ListenAddress)}' must be 'any' or an IP address.");
    }

    static void CheckInstaller(List<string> problems, DesiredTentacle desired)
    {
        if (desired.Installer is not { } installer)
            return;
        CheckPath(problems, desired.Platform, "installer path", installer.RemotePath);
        var expected = desired.Platform == TentaclePlatform.Linux ? InstallerKind.Tarball : InstallerKind.Msi;
        if (installer.Kind != expected)
            problems.Add($"A {desired.Platform} host installs Tentacle from a {expected}, not a {installer.Kind}.");
        if (installer.Kind == InstallerKind.Tarball && desired.Platform == TentaclePlatform.Linux &&
            desired.InstallDirectory is { Length: > 0 } directory &&
            directory[(directory.LastIndexOf('/') + 1)..] != TarballRootFolder)
        {
            problems.Add($"The install directory '{directory}' must end with /{TarballRootFolder}: the tarball's root folder is " +
                         $"{TarballRootFolder}/, so it is extracted into the parent directory and always creates .../{TarballRootFolder} " +
                         $"(for example /opt/octopus/{TarballRootFolder}).");
        }
    }

    /// <summary>Shared rules for every value: present, one line, and on Windows no double quote.</summary>
    static bool CheckText(List<string> problems, TentaclePlatform platform, string what, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"The {what} is empty.");
            return false;
        }

        if (value.Any(char.IsControl))
        {
            problems.Add($"The {what} '{Shown(value)}' contains a control character (NUL, newline, tab...); scripts cannot carry it safely.");
            return false;
        }

        if (platform == TentaclePlatform.Windows && value.Contains('"'))
        {
            problems.Add($"The {what} '{value}' contains a double quote: Windows paths cannot, and Windows PowerShell 5.1 passes it to programs unescaped.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// A trailing backslash before the closing quote Windows PowerShell adds around a path with spaces would escape
    /// that quote (<c>"C:\Program Files\"</c>), so directories lose their trailing separators.
    /// </summary>
    static string WithoutTrailingSeparator(string? path, bool windows)
    {
        if (string.IsNullOrEmpty(path))
            return path!;
        var separators = windows ? new[] { '\\', '/' } : ['/'];
        var trimmed = path.TrimEnd(separators);
        if (trimmed.Length == 0)
            return path[..1];
        return windows && trimmed.Length == 2 && trimmed[1] == ':' ? trimmed + "\\" : trimmed;
    }

    /// <summary>A value as it may appear in a message: control characters made visible.</summary>
    static string Shown(string? value) =>
        value is null ? "(none)" : string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    [GeneratedRegex("^[0-9A-Fa-f]{40}$")]
    private static partial Regex ThumbprintText();

    [GeneratedRegex(@"^[A-Za-z]:[\\/]")]
    private static partial Regex WindowsAbsolutePath();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+){1,3}([-+][0-9A-Za-z.+-]+)?$")]
    private static partial Regex VersionText();
}
