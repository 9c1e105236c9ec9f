namespace Coordinator.Iis;

/// <summary>
/// The PowerShell helpers the scripts are built from, written for Windows PowerShell 5.1 and the lab's powershell:
/// only core cmdlets and .NET calls. appcmd runs inside <c>Invoke-Appcmd</c> with <c>'Continue'</c> and <c>2&gt;&amp;1</c>
/// because Windows PowerShell turns a native program's stderr into error records that <c>'Stop'</c> would make fatal;
/// its exit code is then checked explicitly. appcmd prints its errors on stdout, so a failing command's lines are
/// copied to stderr, where <see cref="IisFailureClassifier"/> looks first.
/// </summary>
internal static class IisScriptFunctions
{
    public static readonly string Core = $$"""
        $ErrorActionPreference = 'Stop'
        function Stop-Iis([string]$Source, [int]$Code, [string]$Command) {
          [Console]::Error.WriteLine("{{IisFailureMarker.Prefix}} source=$Source exit=$Code command=$Command")
          exit $Code
        }
        function Invoke-Appcmd([string[]]$Arguments, [switch]$Read) {
          $ErrorActionPreference = 'Continue'
          $global:LASTEXITCODE = $null
          $lines = @()
          foreach ($item in (& $appcmd @Arguments 2>&1)) { $lines += [string]$item }
          $code = $LASTEXITCODE
          if ($null -eq $code) { $code = {{IisFailureMarker.NotFoundExitCode}} }
          if ($code -eq 0) {
            if ($Read) { return $lines }
            foreach ($line in $lines) { [Console]::Out.WriteLine($line) }
            return
          }
          if ($Read -and [string]::Join('', $lines).Trim().Length -eq 0) { return }
          foreach ($line in $lines) { [Console]::Error.WriteLine($line) }
          Stop-Iis 'appcmd' $code ('appcmd ' + $Arguments[0] + ' ' + $Arguments[1])
        }
        function Read-Appcmd([string[]]$Arguments) { Invoke-Appcmd $Arguments -Read }
        function Read-Value([string[]]$Arguments, [string]$Default = '') {
          $lines = @(Invoke-Appcmd $Arguments -Read)
          if ($lines.Count -eq 0 -or [string]$lines[0] -eq '') { return $Default }
          return [string]$lines[0]
        }
        $changes = [System.Collections.Generic.List[object]]::new()
        function Add-Change([string[]]$Arguments) { $changes.Add($Arguments) }

        """;

    /// <summary>Paths compared as Windows does: case-insensitive, either separator, no trailing one, %variables% expanded.</summary>
    public const string Paths = """
        function ConvertTo-ComparablePath([string]$Path) {
          [Environment]::ExpandEnvironmentVariables($Path).Replace('/', '\').TrimEnd('\').ToLowerInvariant()
        }
        function Test-SamePath([string]$Left, [string]$Right) { (ConvertTo-ComparablePath $Left) -eq (ConvertTo-ComparablePath $Right) }
        function Test-UnderPath([string]$Path, [string]$Root) {
          $candidate = ConvertTo-ComparablePath $Path
          $parent = ConvertTo-ComparablePath $Root
          ($candidate -eq $parent) -or $candidate.StartsWith($parent + '\', [StringComparison]::Ordinal)
        }

        """;

    /// <summary>Bindings compared as a set: IIS keeps them in the order they were added.</summary>
    public const string Bindings = """
        function ConvertTo-BindingSet([string]$Bindings) {
          $items = $Bindings.ToLowerInvariant().Split([char[]]@(','), [StringSplitOptions]::RemoveEmptyEntries)
          [Array]::Sort($items, [StringComparer]::Ordinal)
          [string]::Join(',', $items)
        }

        """;

    /// <summary>The changes that make one application (a site's root one too) have this physical path and pool.</summary>
    public const string Application = """
        function Find-ApplicationChanges([string]$Site, [string]$Path, [string]$PhysicalPath, [string]$Pool) {
          $name = $Site + $Path
          if (@(Read-Appcmd @('list', 'app', "/app.name:$name", '/text:path')).Count -eq 0) {
            Add-Change @('add', 'app', "/site.name:$Site", "/path:$Path", "/physicalPath:$PhysicalPath", "/applicationPool:$Pool")
            return
          }
          $settings = @()
          if (-not (Test-SamePath (Read-Value @('list', 'app', "/app.name:$name", '/text:physicalPath')) $PhysicalPath)) { $settings += "/physicalPath:$PhysicalPath" }
          if ((Read-Value @('list', 'app', "/app.name:$name", '/text:applicationPool')) -ne $Pool) { $settings += "/applicationPool:$Pool" }
          if ($settings.Count -gt 0) { Add-Change (@('set', 'app', "/app.name:$name") + $settings) }
        }

        """;

    /// <summary>
    /// Takes the mutex: at once if it is free, else after saying so on stdout and waiting up to the timeout. A holder
    /// that ended without releasing it leaves it abandoned; the script then owns it, and as it reads IIS again under the
    /// lock before writing, it carries on.
    /// </summary>
    public const string Mutex = """
        function Enter-IisMutex([System.Threading.Mutex]$Mutex) {
          try {
            if ($Mutex.WaitOne(0)) { return $true }
            [Console]::Out.WriteLine("iis-mutex=waiting name=$mutexName")
            return $Mutex.WaitOne($mutexTimeout)
          }
          catch {
            if ($_.Exception.GetBaseException() -is [System.Threading.AbandonedMutexException]) {
              [Console]::Out.WriteLine("iis-mutex=abandoned name=$mutexName")
              return $true
            }
            throw
          }
        }

        """;
}
