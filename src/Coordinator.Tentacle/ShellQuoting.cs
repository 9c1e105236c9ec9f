using System.Text;

namespace Coordinator.Tentacle;

/// <summary>
/// Literal strings for the generated scripts. Values are validated first (no control characters), so a single-quoted
/// literal is all either shell needs: nothing inside it is expanded.
/// </summary>
internal static class ShellQuoting
{
    /// <summary>A bash word that is exactly <paramref name="value"/>: single quotes, each <c>'</c> written as <c>'\''</c>.</summary>
    public static string Bash(string value) => "'" + value.Replace("'", @"'\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// A PowerShell verbatim string that is exactly <paramref name="value"/>. PowerShell also treats the typographic
    /// quotes U+2018–U+201B as single quotes, so every one of them is doubled like <c>'</c>.
    /// </summary>
    public static string PowerShell(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (IsPowerShellSingleQuote(c))
                quoted.Append(c);
            quoted.Append(c);
        }

        return quoted.Append('\'').ToString();
    }

    static bool IsPowerShellSingleQuote(char c) => c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B';
}
