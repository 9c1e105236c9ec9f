namespace Coordinator.Inventory.Reading;

/// <summary>
/// The built-in defaults: what a host gets when neither it nor the inventory's 'defaults' say otherwise. The
/// Tentacle paths are the conventional ones of the Tentacle CLI specification.
/// </summary>
internal static class BuiltInDefaults
{
    public const string MachinePolicy = "Default Machine Policy";
    public const string SshUser = "root";
    public const int SshPort = 22;
    public const HostKeyPolicy SshHostKeyPolicy = HostKeyPolicy.AcceptNew;
    public const string KnownHostsFile = "known_hosts";
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    public const string TentacleInstance = "Tentacle";
    public const int TentacleListenPort = 10933;
    public const string TentacleListenAddress = "any";

    /// <summary>
    /// Fills the directories a host left unset. On Linux the configuration file is named after the instance; the
    /// home directory, like the Tentacle's own default, is the configuration file's directory.
    /// </summary>
    public static TentacleDirectoriesLayer Directories(HostOs os, string instance, TentacleDirectoriesLayer written)
    {
        var configuration = written.ConfigurationFile ?? (os == HostOs.Linux
            ? $"/etc/octopus/{instance}/tentacle-{instance}.config"
            : @"C:\Octopus\Tentacle.config");
        return new TentacleDirectoriesLayer(
            written.InstallDirectory ?? (os == HostOs.Linux ? "/opt/octopus/tentacle" : @"C:\Program Files\Octopus Deploy\Tentacle"),
            configuration,
            written.HomeDirectory ?? DirectoryOf(os, configuration),
            written.ApplicationDirectory ?? (os == HostOs.Linux ? "/home/Octopus/Applications" : @"C:\Octopus\Applications"));
    }

    private static string DirectoryOf(HostOs os, string file)
    {
        if (os == HostOs.Linux)
        {
            var slash = file.LastIndexOf('/');
            return slash <= 0 ? "/" : file[..slash];
        }

        var separator = file.LastIndexOfAny(['\\', '/']);
        var directory = separator < 0 ? file : file[..separator];
        return directory.EndsWith(':') ? directory + @"\" : directory;
    }
}
