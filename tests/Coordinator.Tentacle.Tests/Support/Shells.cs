using System.Text;
using Lab.Windows;

namespace Coordinator.Tentacle.Tests.Support;

/// <summary>Runs generated scripts the way the coordinator does on a host.</summary>
public static class Shells
{
    /// <summary>bash reading the script from stdin (<c>bash -s</c>), as over an SSH channel.</summary>
    public static Task<RunResult> BashAsync(TentacleScript script, IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null)
    {
        Assert.Equal(ScriptShell.Bash, script.Shell);
        return ProcessRun.RunAsync("bash", ["-s"], environment, script.Text, workingDirectory);
    }

    /// <summary><c>bash -c '&lt;script&gt;'</c>.</summary>
    public static Task<RunResult> BashCommandAsync(TentacleScript script, IReadOnlyDictionary<string, string?> environment)
    {
        Assert.Equal(ScriptShell.Bash, script.Shell);
        return ProcessRun.RunAsync("bash", ["-c", script.Text], environment);
    }

    /// <summary>The lab's powershell with <c>-NoProfile -NonInteractive -EncodedCommand</c>, exactly as on a Windows host.</summary>
    public static Task<RunResult> PowerShellAsync(TentacleScript script, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        Assert.Equal(ScriptShell.PowerShell, script.Shell);
        return ProcessRun.RunAsync(WindowsDoublePrograms.PowerShell,
            ["-NoProfile", "-NonInteractive", "-EncodedCommand", Encoded(script)], environment, null, workingDirectory);
    }

    /// <summary>The <c>-EncodedCommand</c> argument: base64 of the UTF-16LE script.</summary>
    public static string Encoded(TentacleScript script) => Convert.ToBase64String(Encoding.Unicode.GetBytes(script.Text));
}
