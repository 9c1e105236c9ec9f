using System.Text;

namespace Coordinator.Iis;

/// <summary>
/// PowerShell literals for the generated scripts, as in Coordinator.Tentacle. Values are validated first (no control
/// characters), so a verbatim string is all they need: nothing inside it is expanded.
/// </summary>
internal static class PowerShellQuoting
{
    /// <summary>
    /// A PowerShell verbatim string that is exactly <paramref name="value"/>. PowerShell also treats the typographic
    /// quotes U+2018–U+201B as single quotes, so every one of them is doubled like <c>'</c>.
    /// </summary>
    public static string Literal(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (IsSingleQuote(c))
                quoted.Append(c);
            quoted.Append(c);
        }

        return quoted.Append('\'').ToString();
    }

    /// <summary>A PowerShell array expression of verbatim strings: <c>@('list', 'site', '/name:X')</c>.</summary>
    public static string Array(IEnumerable<string> values) => "@(" + string.Join(", ", values.Select(Literal)) + ")";

    static bool IsSingleQuote(char c) => c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B';
}
