namespace Coordinator.Lab.Tests.Fidelity;

/// <summary>
/// The powershell double on a Windows-flavoured host, driven over SSH.NET the way the coordinator will:
/// encoded commands, scripts on stdin, exit codes, and named mutexes that are per host.
/// </summary>
public sealed class PowerShellOverSshTests(TwoWindowsHosts fixture) : IClassFixture<TwoWindowsHosts>
{
    private LabHost Host => fixture.Lab.WindowsHosts[0];

    private LabHost OtherHost => fixture.Lab.WindowsHosts[1];

    [Theory]
    [InlineData("exit 42", 42)]
    [InlineData("'all good'", 0)]
    [InlineData(@"& C:\Windows\System32\inetsrv\appcmd.exe list site /name:NoSuchSite; exit $LASTEXITCODE", 1)]
    public async Task An_encoded_command_runs_and_its_exit_code_comes_back(string script, int exitCode)
    {
        using var connection = await LabConnection.OpenAsync(Host);

        var result = await connection.RunAsync(PowerShell.EncodedCommand(script));

        Assert.True(result.ExitStatus == exitCode, result.ToString());
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task A_terminating_error_exits_with_1_and_reports_on_stderr()
    {
        using var connection = await LabConnection.OpenAsync(Host);

        var result = await connection.RunAsync(PowerShell.EncodedCommand("throw 'deployment failed'"));

        Assert.True(result.ExitStatus == 1, result.ToString());
        Assert.Contains("deployment failed", result.Error);
    }

    [Fact]
    public async Task An_encoded_script_sees_a_windows_machine()
    {
        using var connection = await LabConnection.OpenAsync(Host);

        var result = await connection.RunAsync(PowerShell.EncodedCommand("""
            $env:COMPUTERNAME
            $env:OS
            Test-Path 'C:\Windows\System32\inetsrv\appcmd.exe'
            Test-Path 'C:\Windows\System32\inetsrv\config\applicationHost.config'
            """));

        Assert.True(result.ExitStatus == 0, result.ToString());
        Assert.Equal([Host.Name.ToUpperInvariant(), "Windows_NT", "True", "True"], Lines(result.Output));
    }

    [Fact]
    public async Task A_script_on_stdin_runs_with_command_dash()
    {
        using var connection = await LabConnection.OpenAsync(Host);

        var result = await connection.RunAsync(
            "powershell -NoProfile -NonInteractive -Command -",
            "$sites = & appcmd.exe list site\n\"sites: $(@($sites).Count)\"\nexit 7\n");

        Assert.True(result.ExitStatus == 7, result.ToString());
        Assert.Equal(["sites: 1"], Lines(result.Output));
    }

    [Fact]
    public async Task Two_processes_contending_for_a_named_mutex_take_turns()
    {
        var mutex = MutexName();
        using var holderSession = await LabConnection.OpenAsync(Host);
        using var waiterSession = await LabConnection.OpenAsync(Host);

        await using var holder = holderSession.Start(PowerShell.EncodedCommand(HoldUntilToldScript(mutex, "holder")));
        Assert.Equal("holder acquired", await holder.ReadLineAsync());
        await using var waiter = waiterSession.Start(PowerShell.EncodedCommand($$"""
            $mutex = New-Object System.Threading.Mutex($false, '{{mutex}}')
            "waiter first try: $($mutex.WaitOne(0))"
            if (-not $mutex.WaitOne((New-TimeSpan -Seconds 30))) { exit 2 }
            'waiter acquired'
            $mutex.ReleaseMutex()
            """));
        Assert.Equal("waiter first try: False", await waiter.ReadLineAsync());

        await holder.WriteAsync("release\n");
        var holderEnded = await holder.EndAsync();
        var waiterEnded = await waiter.EndAsync();

        Assert.True(holderEnded.ExitStatus == 0, holderEnded.ToString());
        Assert.Equal(["holder released"], Lines(holderEnded.Output));
        Assert.True(waiterEnded.ExitStatus == 0, waiterEnded.ToString());
        Assert.Equal(["waiter acquired"], Lines(waiterEnded.Output));
    }

    [Fact]
    public async Task A_mutex_of_the_same_name_on_another_host_does_not_block()
    {
        var mutex = MutexName();
        using var holderSession = await LabConnection.OpenAsync(Host);
        using var otherSession = await LabConnection.OpenAsync(OtherHost);
        await using var holder = holderSession.Start(PowerShell.EncodedCommand(HoldUntilToldScript(mutex, "holder")));
        Assert.Equal("holder acquired", await holder.ReadLineAsync());

        var other = await otherSession.RunAsync(PowerShell.EncodedCommand($$"""
            $mutex = New-Object System.Threading.Mutex($false, '{{mutex}}')
            "other host first try: $($mutex.WaitOne(0))"
            $mutex.ReleaseMutex()
            """));
        await holder.WriteAsync("release\n");
        var holderEnded = await holder.EndAsync();

        Assert.True(other.ExitStatus == 0, other.ToString());
        Assert.Equal(["other host first try: True"], Lines(other.Output));
        Assert.True(holderEnded.ExitStatus == 0, holderEnded.ToString());
    }

    /// <summary>Takes the mutex, says so, holds it until a line arrives on stdin, releases it and says so.</summary>
    private static string HoldUntilToldScript(string mutex, string who) => $$"""
        $mutex = New-Object System.Threading.Mutex($false, '{{mutex}}')
        if (-not $mutex.WaitOne((New-TimeSpan -Seconds 30))) { exit 2 }
        '{{who}} acquired'
        [void][Console]::In.ReadLine()
        $mutex.ReleaseMutex()
        '{{who}} released'
        """;

    private static string MutexName() => $@"Global\CoordinatorLab-{Guid.NewGuid():N}";

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
