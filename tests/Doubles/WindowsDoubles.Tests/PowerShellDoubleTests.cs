using System.Text;
using Lab.Windows;

namespace WindowsDoubles.Tests;

public sealed class PowerShellDoubleTests : IDisposable
{
    private readonly WindowsMachine _machine = new();

    public void Dispose() => _machine.Dispose();

    private static string Encode(string script) => Convert.ToBase64String(Encoding.Unicode.GetBytes(script));

    private Task<ProgramOutcome> RunEncodedAsync(string script) =>
        RunningProgram.RunAsync(WindowsDoublePrograms.PowerShell,
            ["-NoProfile", "-NonInteractive", "-EncodedCommand", Encode(script)], _machine);

    [Fact]
    public async Task Encoded_command_runs_and_its_output_reaches_stdout()
    {
        var outcome = await RunEncodedAsync("Write-Output 'hello'; 1 + 2");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("hello\n3\n", outcome.Stdout);
        Assert.Equal("", outcome.Stderr);
    }

    [Theory]
    [InlineData("exit 7", 7)]
    [InlineData("'fine'", 0)]
    [InlineData("throw 'boom'", 1)]
    [InlineData("$ErrorActionPreference = 'Stop'; Write-Error 'stopped'; 'not reached'", 1)]
    [InlineData("Write-Error 'failed last'", 1)]
    [InlineData("Write-Error 'failed first'; 'then fine'", 0)]
    public async Task Exit_code_follows_the_script_like_powershell_exe_does(string script, int expected)
    {
        var outcome = await RunEncodedAsync(script);

        Assert.Equal(expected, outcome.ExitCode);
    }

    [Fact]
    public async Task Terminating_errors_are_written_readably_to_stderr()
    {
        var outcome = await RunEncodedAsync("'before'; throw 'the deployment broke'; 'after'");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("before\n", outcome.Stdout);
        Assert.Contains("the deployment broke", outcome.Stderr);
        Assert.Contains("At line:1", outcome.Stderr);
    }

    [Fact]
    public async Task Warnings_and_verbose_go_to_stdout_and_non_terminating_errors_to_stderr()
    {
        var outcome = await RunEncodedAsync("Write-Warning 'careful'; Write-Verbose 'detail' -Verbose; Write-Host 'shown'; Write-Error 'bad thing'; 'done'");

        Assert.Equal("WARNING: careful\nVERBOSE: detail\nshown\ndone\n", outcome.Stdout);
        Assert.Contains("bad thing", outcome.Stderr);
    }

    [Theory]
    [InlineData("-EncodedCommand")]
    [InlineData("-encodedcommand")]
    [InlineData("-enc")]
    [InlineData("-ec")]
    [InlineData("-e")]
    [InlineData("/EncodedCommand")]
    public async Task Encoded_command_parameter_is_case_insensitive_and_abbreviable(string parameter)
    {
        var outcome = await RunningProgram.RunAsync(WindowsDoublePrograms.PowerShell,
            ["-nop", "-noni", parameter, Encode("'abbreviated'")], _machine);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("abbreviated\n", outcome.Stdout);
    }

    [Fact]
    public async Task Command_dash_reads_the_script_from_stdin()
    {
        var outcome = await RunningProgram.RunAsync(WindowsDoublePrograms.PowerShell,
            ["-NoProfile", "-NonInteractive", "-Command", "-"], _machine,
            standardInput: "$greeting = 'from stdin'\n$greeting\nexit 4\n");

        Assert.Equal(4, outcome.ExitCode);
        Assert.Equal("from stdin\n", outcome.Stdout);
    }

    [Fact]
    public async Task Command_text_after_dash_c_is_the_script()
    {
        var outcome = await RunningProgram.RunAsync(WindowsDoublePrograms.PowerShell, ["-c", "'a' +", "'b'"], _machine);

        Assert.Equal("ab\n", outcome.Stdout);
    }

    [Fact]
    public async Task File_runs_a_script_on_drive_c_with_named_arguments()
    {
        Directory.CreateDirectory(_machine.OnDrive(@"C:\Scripts"));
        await File.WriteAllTextAsync(_machine.OnDrive(@"C:\Scripts\deploy.ps1"),
            "param([string]$Name, [switch]$Force)\n\"name=$Name force=$Force\"\nexit 3\n");

        var outcome = await RunningProgram.RunAsync(WindowsDoublePrograms.PowerShell,
            ["-NoProfile", "-File", @"C:\Scripts\deploy.ps1", "-Name", "web-01", "-Force"], _machine);

        Assert.Equal(3, outcome.ExitCode);
        Assert.Equal("name=web-01 force=True\n", outcome.Stdout);
    }

    [Fact]
    public async Task Native_commands_set_LASTEXITCODE()
    {
        var outcome = await RunEncodedAsync("sh -c 'echo native; exit 3'; \"code=$LASTEXITCODE\"; exit $LASTEXITCODE");

        Assert.Equal(3, outcome.ExitCode);
        Assert.Equal("native\ncode=3\n", outcome.Stdout);
    }

    [Fact]
    public async Task Drive_c_is_the_machines_directory()
    {
        var outcome = await RunEncodedAsync("""
            New-Item -ItemType Directory -Path C:\Octopus -Force | Out-Null
            Set-Content -Path (Join-Path C:\Octopus 'Tentacle.config') -Value '<octopus-settings />'
            Test-Path C:\Octopus\Tentacle.config
            Get-Content C:\Octopus\Tentacle.config
            Set-Location C:\
            Test-Path .\Octopus -PathType Container
            Join-Path $env:ProgramFiles 'Octopus Deploy'
            $env:windir
            """);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("True\n<octopus-settings />\nTrue\nC:\\Program Files\\Octopus Deploy\nC:\\Windows\n", outcome.Stdout);
        Assert.Equal("<octopus-settings />\r\n", await File.ReadAllTextAsync(_machine.OnDrive(@"C:\Octopus\Tentacle.config")));
    }

    [Fact]
    public async Task Programs_on_drive_c_run_by_their_windows_path()
    {
        var tentacle = _machine.OnDrive(@"C:\Program Files\Octopus Deploy\Tentacle\Tentacle.exe");
        Directory.CreateDirectory(Path.GetDirectoryName(tentacle)!);
        await File.WriteAllTextAsync(tentacle, "#!/bin/sh\necho \"tentacle $*\"\nexit 2\n");
        File.SetUnixFileMode(tentacle, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var outcome = await RunEncodedAsync("& 'C:\\Program Files\\Octopus Deploy\\Tentacle\\Tentacle.exe' version --format json; \"rc=$LASTEXITCODE\"");

        Assert.Equal("tentacle version --format json\nrc=2\n", outcome.Stdout);
    }

    [Fact]
    public async Task Dotnet_file_apis_need_the_host_path_which_Convert_Path_gives()
    {
        Directory.CreateDirectory(_machine.OnDrive(@"C:\Octopus"));

        var outcome = await RunEncodedAsync("""
            [System.IO.File]::WriteAllText((Convert-Path C:\Octopus) + '/written.txt', 'via .NET')
            Get-Content C:\Octopus\written.txt
            """);

        Assert.Equal("via .NET\n", outcome.Stdout);
    }

    [Fact]
    public async Task Json_round_trips_through_the_lab_cmdlets()
    {
        var outcome = await RunEncodedAsync("""
            $json = [pscustomobject]@{ Name = 'web-01'; Roles = @('web', 'api') } | ConvertTo-Json -Compress
            $json
            ($json | ConvertFrom-Json).Roles[1]
            """);

        Assert.Equal("{\"Name\":\"web-01\",\"Roles\":[\"web\",\"api\"]}\napi\n", outcome.Stdout);
    }

    [Fact]
    public async Task Windows_system_programs_are_reachable_by_their_windows_names()
    {
        var outcome = await RunEncodedAsync("""
            & "$env:windir\system32\inetsrv\appcmd.exe" add apppool /name:Web
            appcmd.exe list apppool /text:name
            msiexec.exe /x C:\missing.msi /quiet
            "msiexec=$LASTEXITCODE"
            """);

        Assert.Equal("APPPOOL object \"Web\" added\nWeb\nmsiexec=" + (1619 & 0xFF) + "\n", outcome.Stdout);
    }

    [Fact]
    public async Task Start_process_reports_the_full_windows_exit_code_of_a_lab_double()
    {
        var outcome = await RunEncodedAsync("(Start-Process msiexec.exe -ArgumentList '/i', 'C:\\missing.msi', '/qn' -Wait -PassThru).ExitCode");

        Assert.Equal("1619\n", outcome.Stdout);
    }

    [Fact]
    public async Task Two_scripts_take_turns_on_a_named_mutex()
    {
        var name = $"Global\\LabTurns-{Guid.NewGuid():N}";
        var holder = $$"""
            $mutex = New-Object System.Threading.Mutex($false, '{{name}}')
            if (-not $mutex.WaitOne((New-TimeSpan -Seconds 30))) { exit 2 }
            'holder acquired'
            [void][Console]::In.ReadLine()
            'holder releasing'
            $mutex.ReleaseMutex()
            """;
        var waiter = $$"""
            $mutex = New-Object System.Threading.Mutex($false, '{{name}}')
            "waiter first try: $($mutex.WaitOne(0))"
            if (-not $mutex.WaitOne((New-TimeSpan -Seconds 30))) { exit 2 }
            'waiter acquired'
            $mutex.ReleaseMutex()
            """;

        await using var first = RunningProgram.Start(WindowsDoublePrograms.PowerShell, ["-NonInteractive", "-EncodedCommand", Encode(holder)], _machine);
        await first.WaitForLineAsync("holder acquired");
        await using var second = RunningProgram.Start(WindowsDoublePrograms.PowerShell, ["-NonInteractive", "-EncodedCommand", Encode(waiter)], _machine);
        second.CloseInput();
        await second.WaitForLineAsync("waiter first try: False");
        await first.WriteAsync("release\n");

        var holderOutcome = await first.WaitForExitAsync();
        var waiterOutcome = await second.WaitForExitAsync();
        Assert.Equal((0, "holder acquired\nholder releasing\n"), (holderOutcome.ExitCode, holderOutcome.Stdout));
        Assert.Equal((0, "waiter first try: False\nwaiter acquired\n"), (waiterOutcome.ExitCode, waiterOutcome.Stdout));
    }
}
