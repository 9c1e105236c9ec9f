namespace Coordinator.Tentacle;

/// <summary>Which shell runs the scripts and which path conventions apply.</summary>
public enum TentaclePlatform
{
    /// <summary>bash; POSIX paths; systemd service.</summary>
    Linux,

    /// <summary>Windows PowerShell 5.1 (or the lab's powershell); drive-letter paths; Windows service.</summary>
    Windows,
}

/// <summary>The kind of installer the coordinator uploads.</summary>
public enum InstallerKind
{
    /// <summary><c>tentacle-&lt;version&gt;-net8.0-linux-x64.tar.gz</c>, whose root folder is <c>tentacle/</c>.</summary>
    Tarball,

    /// <summary><c>Octopus.Tentacle.&lt;version&gt;-x64.msi</c>, installed with msiexec.</summary>
    Msi,
}

/// <summary>An installer already uploaded to the host.</summary>
/// <param name="RemotePath">Where the file is on the host.</param>
/// <param name="Kind">How to install it; must suit the platform.</param>
public sealed record TentacleInstaller(string RemotePath, InstallerKind Kind);

/// <summary>
/// The Tentacle one host should end up with. Every value is a path, name, number or thumbprint — never a secret —
/// because each of them is written into the scripts the host runs.
/// </summary>
/// <param name="Platform">The host's operating system.</param>
/// <param name="Executable">The Tentacle program (<c>/opt/octopus/tentacle/Tentacle</c>, <c>C:\Program Files\Octopus Deploy\Tentacle\Tentacle.exe</c>).</param>
/// <param name="InstallDirectory">
/// Where the installer puts the binaries. On Linux the tarball extracts a <c>tentacle/</c> folder, so this must end
/// with <c>/tentacle</c>; on Windows it is the MSI's <c>INSTALLLOCATION</c>.
/// </param>
/// <param name="Instance">The instance name (<c>--instance</c>).</param>
/// <param name="ConfigurationFile">The instance's configuration file (<c>--config</c>).</param>
/// <param name="HomeDirectory">The instance's home directory (<c>--home</c>).</param>
/// <param name="ApplicationDirectory">Where deployed packages go (<c>--app</c>).</param>
/// <param name="ListenPort">The TCP port the Tentacle listens on (<c>--port</c>).</param>
/// <param name="ListenAddress"><c>any</c> (all interfaces) or an IP address (<c>--listenIpAddress</c>).</param>
/// <param name="ServerThumbprint">The Octopus Server certificate's thumbprint the Tentacle trusts (<c>--trust</c>).</param>
/// <param name="Installer">The uploaded installer, or <c>null</c> when Tentacle is expected to be installed already.</param>
/// <param name="ExpectedVersion">The version the installer provides (what <c>Tentacle version</c> prints), or <c>null</c> to accept any.</param>
public sealed record DesiredTentacle(
    TentaclePlatform Platform,
    string Executable,
    string InstallDirectory,
    string Instance,
    string ConfigurationFile,
    string HomeDirectory,
    string ApplicationDirectory,
    int ListenPort,
    string ListenAddress,
    string ServerThumbprint,
    TentacleInstaller? Installer,
    string? ExpectedVersion)
{
    /// <summary>The value that means "listen on every interface".</summary>
    public const string AnyAddress = "any";

    /// <summary>True when the Tentacle listens on every interface, so <c>--listenIpAddress</c> is left out.</summary>
    public bool ListensOnAnyAddress => string.Equals(ListenAddress, AnyAddress, StringComparison.OrdinalIgnoreCase);
}
