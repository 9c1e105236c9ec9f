using PowerShellDouble;

PowerShellArguments arguments;
try
{
    arguments = PowerShellArgumentParser.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    // powershell.exe's exit code for a command line it cannot parse.
    return 64;
}
return new ScriptRunner(Console.Out, Console.Error).Run(arguments, () => Console.In.ReadToEnd());
