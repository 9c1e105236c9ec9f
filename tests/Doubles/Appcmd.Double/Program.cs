using AppcmdDouble;
using Lab.Windows;

// appcmd prints its errors on stdout, like everything else.
try
{
    var (lines, exitCode) = new AppcmdVerbs(new ConfigurationStore()).Run(AppcmdRequest.Parse(args));
    foreach (var line in lines) Console.WriteLine(line);
    return FullExitCode.Report(exitCode);
}
catch (AppcmdError error)
{
    Console.WriteLine(error.Line);
    return FullExitCode.Report(error.ExitCode);
}
