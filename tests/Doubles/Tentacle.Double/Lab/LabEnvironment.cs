namespace Tentacle.Double.Lab;

/// <summary>
/// The knobs the lab turns through environment variables: which OS the double impersonates and where the
/// machine-wide things it touches (machine id, systemd units, the Windows C: drive) live on this host.
/// </summary>
internal sealed record LabEnvironment(
    bool IsWindowsFlavour,
    string DriveC,
    string MachineIdFile,
    string SystemdUnitDirectory,
    string BashPath,
    string? MachineConfigurationHomeOverride,
    string? LauncherPath)
{
    public const string FlavourVariable = "LAB_FLAVOUR";
    public const string DriveCVariable = "LAB_DRIVE_C";
    public const string MachineIdFileVariable = "TENTACLE_DOUBLE_MACHINE_ID_FILE";
    public const string SystemdDirectoryVariable = "TENTACLE_DOUBLE_SYSTEMD_DIR";
    public const string BashVariable = "TENTACLE_DOUBLE_BASH";
    public const string MachineConfigurationHomeVariable = "TentacleMachineConfigurationHomeDirectory";
    public const string LauncherVariable = "TENTACLE_DOUBLE_EXECUTABLE";

    public static LabEnvironment FromProcess()
    {
        var isWindows = string.Equals(Read(FlavourVariable), "windows", StringComparison.OrdinalIgnoreCase);
        return new(
            IsWindowsFlavour: isWindows,
            // No default: outside a lab host that would write into the real machine's /windows/c.
            DriveC: Read(DriveCVariable) ?? (isWindows
                ? throw new InvalidOperationException($"{DriveCVariable} is not set: a windows-flavoured Tentacle runs on a lab host, which sets it.")
                : string.Empty),
            MachineIdFile: Read(MachineIdFileVariable) ?? "/etc/machine-id",
            SystemdUnitDirectory: Read(SystemdDirectoryVariable) ?? "/etc/systemd/system",
            BashPath: Read(BashVariable) ?? "/bin/bash",
            MachineConfigurationHomeOverride: Read(MachineConfigurationHomeVariable),
            LauncherPath: Read(LauncherVariable));
    }

    static string? Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
