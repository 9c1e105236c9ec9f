using Lab.Windows;
using MsiexecDouble;

var request = MsiexecCommandLine.Parse(args);
var logPath = request?.LogPath ?? LogOption(args);
var log = new MsiLog(logPath is null ? null : LabDrive.ToHostPath(logPath));
log.Started(args);

int exitCode;
if (request is null)
{
    log.Server("Invalid command line argument. Consult the Windows Installer SDK for detailed command line help.");
    exitCode = MsiExitCodes.InvalidCommandLine;
}
else
{
    exitCode = new MsiInstaller(log, new InstalledProducts()).Run(request);
}
log.Stopped(exitCode);
return FullExitCode.Report(exitCode);

// A log is written even for a command line msiexec rejects, when its /l option can be found.
static string? LogOption(string[] args)
{
    var index = Array.FindIndex(args, a => a.Length > 1 && (a[0] == '/' || a[0] == '-') && char.ToLowerInvariant(a[1]) == 'l');
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
