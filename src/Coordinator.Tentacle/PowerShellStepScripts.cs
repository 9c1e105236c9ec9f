using System.Globalization;
using System.Text;

namespace Coordinator.Tentacle;

/// <summary>
/// The PowerShell scripts for a Windows host, written for Windows PowerShell 5.1 and the lab's powershell alike:
/// only core cmdlets, <c>&amp; '&lt;path&gt;' args</c> for native calls, <c>Start-Process -Wait -PassThru</c> for
/// msiexec. Native calls run with <c>$ErrorActionPreference = 'Continue'</c> and <c>2&gt;&amp;1</c> inside
/// <c>Invoke-Native</c>, because Windows PowerShell turns a native program's stderr into error records that
/// <c>'Stop'</c> would make fatal; the exit code is then checked explicitly.
/// </summary>
internal sealed class PowerShellStepScripts(DesiredTentacle desired, TimeSpan listenerWait) : ITentacleStepScripts
{
    const string Preamble = """
        $ErrorActionPreference = 'Stop'
        function Stop-Step([string]$Source, [int]$Code, [string]$Command) {
          [Console]::Error.WriteLine("tentacle-step-failed source=$Source exit=$Code command=$Command")
          exit $Code
        }

        """;

    const string InvokeNative = """
        function Invoke-Native([string]$Source, [string]$Command, [string]$Program, [string[]]$Arguments, [switch]$Capture) {
          if (-not (Test-Path -LiteralPath $Program -PathType Leaf)) { [Console]::Error.WriteLine("$Program was not found."); Stop-Step $Source 127 $Command }
          $ErrorActionPreference = 'Continue'
          $global:LASTEXITCODE = $null
          $captured = @()
          foreach ($item in (& $Program @Arguments 2>&1)) {
            if ($item -is [Management.Automation.ErrorRecord]) { [Console]::Error.WriteLine($item.ToString()) }
            elseif ($Capture) { $captured += [string]$item }
            else { [Console]::Out.WriteLine([string]$item) }
          }
          $code = $LASTEXITCODE
          if ($null -eq $code) { $code = 127 }
          if ($code -ne 0) { Stop-Step $Source $code $Command }
          if ($Capture) { return [string]::Join("`n", $captured) }
        }

        """;

    const string TestListener = """
        function Test-Listener([string]$Address, [int]$Port, [string]$Family) {
          $client = [Net.Sockets.TcpClient]::new([Net.Sockets.AddressFamily]$Family)
          try {
            $connecting = $client.BeginConnect($Address, $Port, $null, $null)
            if (-not $connecting.AsyncWaitHandle.WaitOne(3000)) { return $false }
            $client.EndConnect($connecting)
            return $true
          }
          catch { return $false }
          finally { $client.Close() }
        }

        """;

    const string ProbeFunctions = """
        function Write-Field([string]$Name, [string]$Value) { [Console]::Out.WriteLine($Name + '=' + $Value) }
        function ConvertTo-Base64([string]$Text) { [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Text)) }
        function Invoke-Probe([string]$Name, [string[]]$Arguments) {
          $ErrorActionPreference = 'Continue'
          $global:LASTEXITCODE = $null
          $out = @()
          $err = @()
          foreach ($item in (& $tentacle @Arguments 2>&1)) {
            if ($item -is [Management.Automation.ErrorRecord]) { $err += $item.ToString() } else { $out += [string]$item }
          }
          $code = $LASTEXITCODE
          if ($null -eq $code) { $code = 127 }
          Write-Field "$Name.exit" $code
          Write-Field "$Name.out" (ConvertTo-Base64 ([string]::Join("`n", $out)))
          Write-Field "$Name.err" (ConvertTo-Base64 ([string]::Join("`n", $err)))
        }

        """;

    public DesiredTentacle Desired => desired;

    public TentacleScript Probe()
    {
        var service = TentacleHostNames.WindowsService(desired.Instance);
        var body = $$"""
            Write-Field '{{ProbeReportParser.StartField}}' '1'
            if (Test-Path -LiteralPath $tentacle -PathType Leaf) {
              Write-Field 'executable' 'present'
              Invoke-Probe 'version' @('version')
              Invoke-Probe 'instances' @('list-instances', '--format=json')
              Invoke-Probe 'thumbprint' @('show-thumbprint', '--instance', $instance)
              Invoke-Probe 'configuration' @('show-configuration', '--instance', $instance)
            }
            else { Write-Field 'executable' 'absent' }
            $state = 'unknown'
            if (Get-Command -Name 'Get-Service' -ErrorAction SilentlyContinue) {
              $service = Get-Service -Name ([Management.Automation.WildcardPattern]::Escape({{Q(service)}})) -ErrorAction SilentlyContinue
              if ($null -eq $service) { $state = 'absent' }
              elseif ([string]$service.Status -eq 'Running') { $state = 'running' }
              else { $state = 'stopped' }
            }
            Write-Field 'service' $state
            if (Test-Listener {{ListenerArguments}}) { Write-Field 'listening' 'yes' } else { Write-Field 'listening' 'no' }
            Write-Field '{{ProbeReportParser.EndField}}' '1'
            """;
        return Script($"Probe Tentacle instance '{desired.Instance}'", ProbeFunctions + TestListener, body);
    }

    public TentacleScript Install()
    {
        var installer = desired.Installer ?? throw new InvalidOperationException(
            $"No installer is configured for Tentacle at {desired.Executable}, so it cannot be installed.");
        var log = installer.RemotePath + ".log";
        // Start-Process joins -ArgumentList with spaces and quotes nothing, so paths carry their own quotes
        // (validation guarantees they contain none). On an upgrade the running service holds the files msiexec
        // replaces, so it is stopped first (best effort: there may be no instance yet); the service step starts it.
        var arguments = string.Join(", ",
            "'/i'", "\"`\"$installer`\"\"", "'/quiet'", Q($"INSTALLLOCATION=\"{desired.InstallDirectory}\""), "'/l*v'", "\"`\"$log`\"\"");
        var body = new StringBuilder($$"""
            $installer = {{Q(installer.RemotePath)}}
            $log = {{Q(log)}}
            if (-not (Test-Path -LiteralPath $installer -PathType Leaf)) {
              [Console]::Error.WriteLine("The installer $installer is not on this host.")
              Stop-Step 'check' {{StepFailureMarker.CheckFailedExitCode}} 'installer present'
            }
            if (Test-Path -LiteralPath $tentacle -PathType Leaf) {
              $ErrorActionPreference = 'Continue'
              & $tentacle service --instance $instance --stop 2>&1 | ForEach-Object { [Console]::Out.WriteLine([string]$_) }
              $ErrorActionPreference = 'Stop'
            }
            $msiexec = Start-Process -FilePath 'msiexec.exe' -ArgumentList @({{arguments}}) -Wait -PassThru
            $code = $msiexec.ExitCode
            if ($code -eq 3010) { [Console]::Out.WriteLine('msiexec: 3010, a reboot Tentacle does not need.') }
            elseif ($code -ne 0) {
              if (Test-Path -LiteralPath $log -PathType Leaf) {
                Get-Content -LiteralPath $log | Select-Object -Last 40 | ForEach-Object { [Console]::Error.WriteLine([string]$_) }
              }
              Stop-Step 'installer' $code 'msiexec /i'
            }
            $version = Invoke-Native 'tentacle' 'Tentacle version' $tentacle @('version') -Capture

            """);
        if (desired.ExpectedVersion is { } expected)
        {
            var comparable = TentacleStepScripts.WithoutBuildMetadata(expected);
            body.Append($$"""
                if ($version.Split('+')[0] -cne {{Q(comparable)}}) {
                  [Console]::Error.WriteLine("Tentacle reports version '$version' after installing $installer; expected {{comparable}}.")
                  Stop-Step 'check' {{StepFailureMarker.CheckFailedExitCode}} 'installed version'
                }

                """);
        }

        body.Append("[Console]::Out.WriteLine(\"Tentacle $version is installed at $tentacle.\")");
        return Script($"Install Tentacle from {installer.RemotePath} into {desired.InstallDirectory}", InvokeNative, body.ToString());
    }

    public TentacleScript CreateInstance() => Script(
        $"Create Tentacle instance '{desired.Instance}'",
        InvokeNative,
        $"Invoke-Native 'tentacle' 'Tentacle create-instance' $tentacle @('create-instance', '--instance', $instance, '--config', {Q(desired.ConfigurationFile)})");

    public TentacleScript ImportCertificate(string uploadedPfxPath, string expectedThumbprint)
    {
        var thumbprint = TentacleStepScripts.ValidatedThumbprint(TentaclePlatform.Windows, uploadedPfxPath, expectedThumbprint);
        var body = $$"""
            $pfx = {{Q(uploadedPfxPath)}}
            try {
              if (-not (Test-Path -LiteralPath $pfx -PathType Leaf)) {
                [Console]::Error.WriteLine("The uploaded certificate $pfx is not on this host.")
                Stop-Step 'check' {{StepFailureMarker.CheckFailedExitCode}} 'uploaded certificate present'
              }
              Invoke-Native 'tentacle' 'Tentacle import-certificate' $tentacle @('import-certificate', '--instance', $instance, '--from-file', $pfx)
            }
            finally { Remove-Item -LiteralPath $pfx -Force -ErrorAction SilentlyContinue }
            $shown = Invoke-Native 'tentacle' 'Tentacle show-thumbprint' $tentacle @('show-thumbprint', '--instance', $instance) -Capture
            if ($shown -cne '{{thumbprint}}') {
              [Console]::Error.WriteLine("After the import the instance presents '$shown', not {{thumbprint}}.")
              Stop-Step 'check' {{StepFailureMarker.CheckFailedExitCode}} 'thumbprint after import'
            }
            [Console]::Out.WriteLine('The instance presents certificate {{thumbprint}}.')
            """;
        return Script($"Import the retained certificate {thumbprint} into Tentacle instance '{desired.Instance}'", InvokeNative, body);
    }

    public TentacleScript Configure(bool resetListenAddress = false)
    {
        var listen = TentacleArguments.ListenAddress(desired, resetListenAddress);
        var settings = new StringBuilder()
            .Append(", '--home', ").Append(Q(desired.HomeDirectory))
            .Append(", '--app', ").Append(Q(desired.ApplicationDirectory))
            .Append(", '--port', ").Append(Q(Port))
            .Append(", '--noListen', 'False'");
        if (listen is not null)
            settings.Append(", '--listenIpAddress', ").Append(Q(listen));
        var body = $$"""
            Invoke-Native 'tentacle' 'Tentacle configure --reset-trust' $tentacle @('configure', '--instance', $instance, '--reset-trust')
            Invoke-Native 'tentacle' 'Tentacle configure --home --app --port --noListen' $tentacle @('configure', '--instance', $instance{{settings}})
            Invoke-Native 'tentacle' 'Tentacle configure --trust' $tentacle @('configure', '--instance', $instance, '--trust', {{Q(desired.ServerThumbprint)}})
            """;
        return Script($"Configure Tentacle instance '{desired.Instance}'", InvokeNative, body);
    }

    public TentacleScript StartService() =>
        Script($"Install and start the Tentacle service for instance '{desired.Instance}'", InvokeNative + TestListener, ServiceBody("--install", "--start"));

    public TentacleScript RestartService() =>
        Script($"Restart the Tentacle service for instance '{desired.Instance}'", InvokeNative + TestListener, ServiceBody("--stop", "--start"));

    string ServiceBody(string first, string second)
    {
        var address = TentacleHostNames.ListenerCheckAddress(desired);
        var seconds = (int)Math.Ceiling(listenerWait.TotalSeconds);
        return $$"""
            Invoke-Native 'tentacle' 'Tentacle service {{first}} {{second}}' $tentacle @('service', '--instance', $instance, '{{first}}', '{{second}}')
            $deadline = [DateTime]::UtcNow.AddSeconds({{seconds}})
            while (-not (Test-Listener {{ListenerArguments}})) {
              if ([DateTime]::UtcNow -ge $deadline) {
                [Console]::Error.WriteLine('Nothing listens on {{address}} port {{Port}} {{seconds}} s after the service started; see Logs\OctopusTentacle.txt in the Tentacle home directory.')
                Stop-Step 'check' {{StepFailureMarker.CheckFailedExitCode}} 'listener'
              }
              Start-Sleep -Milliseconds 500
            }
            [Console]::Out.WriteLine('Tentacle listens on {{address}} port {{Port}}.')
            """;
    }

    string Port => desired.ListenPort.ToString(CultureInfo.InvariantCulture);

    string ListenerArguments
    {
        get
        {
            var address = TentacleHostNames.ListenerCheckAddress(desired);
            var family = TentacleHostNames.IsIPv6(address) ? "InterNetworkV6" : "InterNetwork";
            return $"{Q(address.ToString())} {Port} '{family}'";
        }
    }

    /// <summary>
    /// The script: settings, helper functions, then the body inside a try whose catch reports an unexpected
    /// terminating error with the marker. <c>exit</c> passes through catch and runs finally blocks. No description
    /// comment: every character counts three times over in <c>-EncodedCommand</c>, and cmd.exe (Windows OpenSSH's
    /// default shell) stops at 8191.
    /// </summary>
    TentacleScript Script(string description, string functions, string body)
    {
        var text = new StringBuilder()
            .Append(Preamble)
            .Append(functions)
            .Append("$tentacle = ").Append(Q(desired.Executable)).Append('\n')
            .Append("$instance = ").Append(Q(desired.Instance)).Append('\n')
            .Append("try {\n")
            .Append(Indented(body.ReplaceLineEndings("\n")))
            .Append("}\n")
            .Append("catch {\n")
            .Append("  [Console]::Error.WriteLine($_.Exception.Message)\n")
            .Append("  Stop-Step 'script' 1 'PowerShell'\n")
            .Append("}\n")
            .Append("exit 0\n")
            .ToString();
        return new TentacleScript(description, ScriptShell.PowerShell, text);
    }

    static string Indented(string body) =>
        string.Concat(body.Split('\n').Select(line => line.Length == 0 ? "\n" : "  " + line + "\n"));

    static string Q(string value) => ShellQuoting.PowerShell(value);
}
