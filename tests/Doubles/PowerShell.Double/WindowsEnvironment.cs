using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Lab.Windows;

namespace PowerShellDouble;

/// <summary>
/// Makes a runspace look like one on a Windows machine: drive C: over the lab host's directory, the usual
/// Windows environment variables, and the Windows programs every script calls by their .exe names.
/// </summary>
internal static class WindowsEnvironment
{
    private static readonly (string Name, string Value)[] Variables =
    [
        ("windir", @"C:\Windows"),
        ("SystemRoot", @"C:\Windows"),
        ("SystemDrive", "C:"),
        ("ProgramData", @"C:\ProgramData"),
        ("ProgramFiles", @"C:\Program Files"),
        ("ProgramFiles(x86)", @"C:\Program Files (x86)"),
        ("TEMP", @"C:\Windows\Temp"),
        ("TMP", @"C:\Windows\Temp"),
        ("OS", "Windows_NT"),
    ];

    // Windows scripts call system programs by their .exe names or full paths; on a lab host they are
    // plain programs on PATH. Aliases take precedence over everything, so these names reach them.
    private static readonly (string Program, string[] WindowsNames)[] SystemPrograms =
    [
        ("msiexec", [@"msiexec.exe", @"C:\Windows\System32\msiexec.exe"]),
        ("appcmd", [@"appcmd.exe", @"C:\Windows\System32\inetsrv\appcmd.exe"]),
        ("powershell", [@"powershell.exe", @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe"]),
    ];

    public static void AddSystemProgramAliases(InitialSessionState sessionState)
    {
        foreach (var (program, names) in SystemPrograms)
        {
            foreach (var name in names) sessionState.Commands.Add(new SessionStateAliasEntry(name, program));
        }
    }

    /// <summary>Sets the variables in the process, so native programs the script starts see them too.</summary>
    public static void ApplyToProcess()
    {
        foreach (var (name, value) in Variables)
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
                Environment.SetEnvironmentVariable(name, value);
        }
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("COMPUTERNAME")))
            Environment.SetEnvironmentVariable("COMPUTERNAME", Environment.MachineName.ToUpperInvariant());

        foreach (var folder in new[] { @"C:\Windows\Temp", @"C:\ProgramData", @"C:\Program Files" })
            Directory.CreateDirectory(LabDrive.ToHostPath(folder));
    }

    public static void ApplyToRunspace(Runspace runspace)
    {
        var state = runspace.SessionStateProxy;
        var fileSystem = state.Provider.GetOne("FileSystem");
        state.Drive.New(new PSDriveInfo("C", fileSystem, LabDrive.Root + "/", "Local Disk", null), "global");

        var windowsLocation = LabDrive.ToWindowsPath(Environment.CurrentDirectory);
        if (windowsLocation is not null) state.Path.SetLocation(windowsLocation);
    }
}
