namespace Coordinator.Inventory;

/// <summary>
/// The Tentacle instance to create on one host, with the per-OS conventions already applied. Directories are paths
/// on the host; <see cref="InstallerFile"/> is a local path on the coordinator's machine.
/// </summary>
/// <param name="Instance">The instance name passed as <c>--instance</c>.</param>
/// <param name="ListenPort">The port the Tentacle listens on and Octopus connects to.</param>
/// <param name="ListenAddress"><c>any</c>, or the IP address passed as <c>--listenIpAddress</c>.</param>
/// <param name="InstallerFile">
/// The tarball (Linux) or MSI (Windows) to upload and install, or <c>null</c> when the Tentacle is expected to be
/// installed in <see cref="InstallDirectory"/> already.
/// </param>
/// <param name="InstallDirectory">Where the Tentacle binaries live on the host.</param>
/// <param name="ConfigurationFile">The instance's configuration file (<c>--config</c>).</param>
/// <param name="HomeDirectory">The instance's home directory (<c>--home</c>).</param>
/// <param name="ApplicationDirectory">Where deployed packages are extracted (<c>--app</c>).</param>
/// <param name="Os">Which path conventions apply.</param>
public sealed record TentacleSettings(
    string Instance,
    int ListenPort,
    string ListenAddress,
    string? InstallerFile,
    string InstallDirectory,
    string ConfigurationFile,
    string HomeDirectory,
    string ApplicationDirectory,
    HostOs Os)
{
    /// <summary>The Tentacle command-line program inside <see cref="InstallDirectory"/>.</summary>
    public string Executable => Os == HostOs.Linux
        ? $"{InstallDirectory.TrimEnd('/')}/Tentacle"
        : $@"{InstallDirectory.TrimEnd('\\')}\Tentacle.exe";
}
