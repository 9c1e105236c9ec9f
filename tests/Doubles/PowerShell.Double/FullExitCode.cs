namespace Lab.Windows;

/// <summary>
/// Windows exit codes such as msiexec's 1618 or 3010 do not fit Linux's 8-bit exit status. A Windows double
/// started with env LAB_EXIT_CODE_FILE writes its full code there; the lab powershell sets that variable for
/// the programs it starts and reads the code back, so scripts see what they would see on Windows.
/// </summary>
internal static class FullExitCode
{
    public const string FileVariable = "LAB_EXIT_CODE_FILE";

    public static int Report(int exitCode)
    {
        var file = Environment.GetEnvironmentVariable(FileVariable);
        if (!string.IsNullOrEmpty(file)) File.WriteAllText(file, exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return exitCode;
    }
}
