using System.Globalization;
using System.Text;

namespace Coordinator.Iis;

/// <summary>
/// Writes the PowerShell script (Windows PowerShell 5.1 and the lab's powershell) for one IIS operation. Each script:
/// <list type="number">
/// <item>finds the changes the host needs by reading it (<c>appcmd list ... /text:</c>); none: prints
/// <c>iis-result=unchanged</c> and ends without writing and without taking the mutex;</item>
/// <item>takes the system-wide named mutex, waiting up to its timeout; not taken in time: fails with the marker
/// (source <c>mutex</c>, transient) and writes nothing — it never writes without the lock;</item>
/// <item>under the lock, finds the changes again (another writer may have made some while it waited), makes them with
/// appcmd one by one, the first failure ending the script with the marker, and releases the mutex in <c>finally</c>;</item>
/// <item>prints <c>iis-result=changed</c> (or <c>unchanged</c> when the second look found nothing left to do).</item>
/// </list>
/// appcmd is <c>%windir%\System32\inetsrv\appcmd.exe</c>; the lab's powershell knows that path as an alias of its appcmd
/// double, and lab hosts also have a launcher there. <c>System32</c> is spelt as on disk: the lab's drive C: is
/// case-sensitive, Windows is not.
/// </summary>
public static class IisScripts
{
    /// <summary>The script for <paramref name="operation"/>, holding <paramref name="mutex"/> around its writes. Validates both first.</summary>
    public static string Render(IisOperation operation, IisMutex mutex)
    {
        var validated = IisOperationValidator.Validated(operation);
        var lockSettings = IisOperationValidator.Validated(mutex);
        var (helpers, findChanges) = IisChangeFinders.For(validated);
        var timeoutMilliseconds = ((long)Math.Ceiling(lockSettings.Timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        var timeoutSeconds = lockSettings.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var body = $$"""
            if ($null -eq (Get-Command -Name $appcmd -ErrorAction SilentlyContinue)) {
              [Console]::Error.WriteLine("$appcmd was not found: IIS is not installed on this host.")
              Stop-Iis 'appcmd' {{IisFailureMarker.NotFoundExitCode}} 'appcmd'
            }
            Find-Changes
            if ($changes.Count -eq 0) {
              [Console]::Out.WriteLine('{{IisResultLine.For(IisResult.Unchanged)}}')
              exit 0
            }
            $mutex = [System.Threading.Mutex]::new($false, $mutexName)
            if (-not (Enter-IisMutex $mutex)) {
              [Console]::Error.WriteLine("Timed out after {{timeoutSeconds}} s {{IisScriptMessages.MutexTimeout}} '$mutexName': another IIS writer on this host still holds it. Nothing was changed.")
              Stop-Iis 'mutex' {{IisFailureMarker.MutexTimeoutExitCode}} 'mutex'
            }
            try {
              Find-Changes
              foreach ($change in $changes) { Invoke-Appcmd $change }
            }
            finally {
              $mutex.ReleaseMutex()
              $mutex.Dispose()
            }
            if ($changes.Count -eq 0) { [Console]::Out.WriteLine('{{IisResultLine.For(IisResult.Unchanged)}}') }
            else { [Console]::Out.WriteLine('{{IisResultLine.For(IisResult.Changed)}}') }
            """;
        return new StringBuilder()
            .Append(IisScriptFunctions.Core)
            .Append(IisScriptFunctions.Mutex)
            .Append(helpers)
            .Append(findChanges)
            .Append(@"$appcmd = Join-Path $env:windir 'System32\inetsrv\appcmd.exe'").Append('\n')
            .Append("$mutexName = ").Append(PowerShellQuoting.Literal(lockSettings.Name)).Append('\n')
            .Append("$mutexTimeout = [TimeSpan]::FromMilliseconds(").Append(timeoutMilliseconds).Append(")\n")
            .Append("try {\n")
            .Append(Indented(body.ReplaceLineEndings("\n")))
            .Append("}\n")
            .Append("catch {\n")
            .Append("  [Console]::Error.WriteLine($_.Exception.Message)\n")
            .Append("  Stop-Iis 'script' 1 'PowerShell'\n")
            .Append("}\n")
            .Append("exit 0\n")
            .ToString();
    }

    internal static string Indented(string body) =>
        string.Concat(body.TrimEnd('\n').Split('\n').Select(line => line.Length == 0 ? "\n" : "  " + line + "\n"));
}
