using System.Text;

namespace Coordinator.HostAccess;

/// <summary>
/// The command line that runs a PowerShell script on a Windows host:
/// <c>powershell -NoProfile -NonInteractive -EncodedCommand &lt;base64 of the UTF-16LE script&gt;</c>.
/// <para>
/// OpenSSH for Windows runs the exec request through the default shell, cmd.exe unless configured
/// otherwise, whose command lines stop at 8191 characters; base64 of UTF-16 makes a script about 2.7 times
/// longer, so scripts up to roughly 2,900 characters fit. A longer script goes on stdin instead, as base64
/// of its UTF-8 (plain ASCII, so no console code page can garble it), behind a fixed
/// <see cref="StdinLoader"/> passed with -EncodedCommand: the command line stays short whatever the
/// script's size. The loader keeps powershell.exe's exit-code rules, including "1 if the last statement failed".
/// </para>
/// </summary>
internal static class PowerShellCommandLine
{
    public const string Prefix = "powershell -NoProfile -NonInteractive -EncodedCommand ";

    /// <summary>cmd.exe's 8191-character limit, with room to spare.</summary>
    public const int MaxInlineLength = 8000;

    /// <summary>Reads the script from stdin and runs it in the session's own scope, as -EncodedCommand would.</summary>
    public const string StdinLoader = """
        $coordinatorScript = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String([Console]::In.ReadToEnd()))
        . ([ScriptBlock]::Create($coordinatorScript + "`n" + 'if (-not $?) { exit 1 }'))
        """;

    public static (string Text, byte[] Input) For(string script)
    {
        var inline = Prefix + Encode(script);
        if (inline.Length <= MaxInlineLength)
        {
            return (inline, []);
        }

        return (Prefix + Encode(StdinLoader), Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(script))));
    }

    public static string Encode(string script) => Convert.ToBase64String(Encoding.Unicode.GetBytes(script));
}
