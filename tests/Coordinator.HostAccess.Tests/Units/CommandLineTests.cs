using System.Diagnostics;
using System.Management.Automation.Language;
using System.Text;
using System.Text.RegularExpressions;

namespace Coordinator.HostAccess.Tests;

public sealed class CommandLineTests
{
    private static readonly HostEndpoint Linux = new("web-01", "10.0.0.5", 22, "root", "/keys/id", HostOs.Linux, HostKeyPolicy.Off);
    private static readonly HostEndpoint Windows = Linux with { Name = "win-01", Os = HostOs.Windows };

    public static TheoryData<string> NastyTexts => new()
    {
        "it's",
        "'''",
        "\"double\" and 'single' and `backticks` and $(subshell) and $HOME and ${PATH}",
        "back\\slash \\' \\\" \\\\",
        "line one\nline two\n\ttabbed\r\ncrlf",
        "! * ? [a] {b,c} ~ # % ^ & | ; < > ( )",
        "ünïcødé € 日本語 🚀",
        "-n",
        "",
    };

    [Theory]
    [MemberData(nameof(NastyTexts))]
    public async Task A_quoted_word_reads_back_as_the_same_text_in_a_posix_shell(string text)
    {
        var echoed = await RunShellAsync("/bin/sh", $"printf '%s' {BashCommandLine.Quote(text)}");

        Assert.Equal(text, echoed);
    }

    [Fact]
    public void A_bash_command_runs_under_the_hosts_timeout_with_no_stdin()
    {
        var command = HostCommand.Bash("say hello", "echo 'hello'", TimeSpan.FromSeconds(90));

        var line = RemoteCommandLine.For(Linux, command, TimeSpan.FromSeconds(5));

        var marker = Assert.Single(Regex.Matches(line.Text, "coordinator-command-[0-9a-f]{32}")).Value;
        Assert.Equal($"exec timeout -k 5 90 bash -c '# {marker}\necho '\\''hello'\\''' </dev/null", line.Text);
        Assert.Equal($"exec timeout 10 pkill -TERM -f -- '[c]{marker[1..]}' </dev/null", line.StopText);
        Assert.Empty(line.Input);
        Assert.True(line.HostEnforcesTimeout);
        Assert.True(line.LocalDeadline > command.Timeout + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_bash_script_too_long_for_one_argument_is_refused_by_description()
    {
        var command = HostCommand.Bash("huge script", "echo '" + new string('x', BashCommandLine.MaxArgumentBytes) + "'", TimeSpan.FromSeconds(5));

        var error = Assert.Throws<ArgumentException>(() => RemoteCommandLine.For(Linux, command, TimeSpan.FromSeconds(1)));

        Assert.Contains("huge script", error.Message);
        Assert.DoesNotContain("xxxx", error.Message);
    }

    [Fact]
    public void A_short_powershell_script_is_the_encoded_command_itself()
    {
        const string Script = "Write-Output 'ünï'; exit 3";

        var line = RemoteCommandLine.For(Windows, HostCommand.PowerShell("exit three", Script, TimeSpan.FromSeconds(9)), TimeSpan.FromSeconds(5));

        Assert.StartsWith("powershell -NoProfile -NonInteractive -EncodedCommand ", line.Text);
        Assert.Equal(Script, Encoding.Unicode.GetString(Convert.FromBase64String(line.Text.Split(' ')[^1])));
        Assert.Empty(line.Input);
        Assert.Null(line.StopText);
        Assert.False(line.HostEnforcesTimeout);
        Assert.Equal(TimeSpan.FromSeconds(9), line.LocalDeadline);
    }

    [Fact]
    public void A_long_powershell_script_goes_on_stdin_behind_a_short_loader()
    {
        var script = "Write-Output 'ünïcødé'\n" + string.Concat(Enumerable.Repeat("# padding to go past cmd.exe's limit\n", 300));

        var line = RemoteCommandLine.For(Windows, HostCommand.PowerShell("long one", script, TimeSpan.FromSeconds(9)), TimeSpan.FromSeconds(5));

        Assert.True(line.Text.Length <= PowerShellCommandLine.MaxInlineLength);
        Assert.Equal(PowerShellCommandLine.Prefix + PowerShellCommandLine.Encode(PowerShellCommandLine.StdinLoader), line.Text);
        Assert.All(line.Input, b => Assert.True(b < 128));
        Assert.Equal(script, Encoding.UTF8.GetString(Convert.FromBase64String(Encoding.ASCII.GetString(line.Input))));
    }

    [Fact]
    public void Every_generated_powershell_script_parses()
    {
        var generated = new[]
        {
            PowerShellCommandLine.StdinLoader,
            PrivateTempDirectory.CreateCommand(HostOs.Windows, TimeSpan.FromSeconds(1)).Script,
        };

        foreach (var script in generated)
        {
            Parser.ParseInput(script, out _, out var errors);
            Assert.Empty(errors);
        }
    }

    [Fact]
    public void A_command_for_the_other_operating_system_is_refused()
    {
        var bash = HostCommand.Bash("list", "ls", TimeSpan.FromSeconds(1));
        var powershell = HostCommand.PowerShell("list", "Get-ChildItem", TimeSpan.FromSeconds(1));

        Assert.Contains("win-01", Assert.Throws<ArgumentException>(() => RemoteCommandLine.For(Windows, bash, TimeSpan.FromSeconds(1))).Message);
        Assert.Contains("web-01", Assert.Throws<ArgumentException>(() => RemoteCommandLine.For(Linux, powershell, TimeSpan.FromSeconds(1))).Message);
    }

    [Fact]
    public void A_command_shows_its_description_never_its_script()
    {
        var command = HostCommand.Bash("import the certificate", "echo secret-looking-text", TimeSpan.FromMinutes(2));

        Assert.Equal("'import the certificate' (Bash, timeout 00:02:00)", command.ToString());
        Assert.DoesNotContain("secret-looking-text", RemoteCommandLine.For(Linux, command, TimeSpan.FromSeconds(1)).ToString());
    }

    private static async Task<string> RunShellAsync(string shell, string commandLine)
    {
        var start = new ProcessStartInfo(shell) { RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8 };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(limit.Token);
        return output;
    }
}
