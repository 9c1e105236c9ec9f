namespace Coordinator.HostAccess;

/// <summary>
/// The command that makes a private temporary directory on a host and prints its path. On Linux,
/// <c>mktemp -d</c> creates it 0700 in one step. On Windows it is created under <c>$env:TEMP</c>, whose ACL
/// it inherits: for an administrator's SSH session that is the user's own profile temp directory (or
/// C:\Windows\Temp, where only administrators and the creator may read what others create).
/// </summary>
internal static class PrivateTempDirectory
{
    private const string Description = "create a private temporary directory";

    private const string LinuxScript = """umask 077 && mktemp -d "${TMPDIR:-/tmp}/coordinator.XXXXXXXXXX" """;

    private const string WindowsScript = """
        $ErrorActionPreference = 'Stop'
        $directory = Join-Path $env:TEMP ('coordinator-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $directory | Out-Null
        Write-Output $directory
        """;

    public static HostCommand CreateCommand(HostOs os, TimeSpan timeout) => os == HostOs.Linux
        ? HostCommand.Bash(Description, LinuxScript, timeout)
        : HostCommand.PowerShell(Description, WindowsScript, timeout);

    public static string PathOf(HostOs os, string directory, string fileName) => os == HostOs.Linux
        ? $"{directory.TrimEnd('/')}/{fileName}"
        : $"{directory.TrimEnd('\\', '/')}\\{fileName}";

    public static void RequireFileName(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (fileName is "." or ".." || fileName.IndexOfAny(['/', '\\', ':', '\0']) >= 0)
        {
            throw new ArgumentException($"'{fileName}' is not a plain file name.", nameof(fileName));
        }
    }
}
