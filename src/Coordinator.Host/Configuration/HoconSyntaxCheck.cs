namespace Coordinator.Host.Configuration;

/// <summary>
/// Finds unbalanced brackets, unterminated strings and the HOCON features an operator's file may not use,
/// before Akka's HOCON parser sees the text. That parser accepts some broken files silently, never returns
/// on others (an array closed by '}'), fails on <c>include</c> with a null reference, and overflows the stack
/// on an empty, optional or self-referencing substitution, which ends the process.
/// </summary>
public static class HoconSyntaxCheck
{
    /// <summary>The first problem as (line, description), or null if the text is safe to hand to the parser.</summary>
    public static (int Line, string Problem)? FindProblem(string text)
    {
        var open = new Stack<(char Bracket, int Line)>();
        var line = 1;
        var statementStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (statementStart && !char.IsWhiteSpace(c))
            {
                statementStart = false;
                if (string.CompareOrdinal(text, i, "include", 0, 7) == 0
                    && (i + 7 == text.Length || char.IsWhiteSpace(text[i + 7]) || text[i + 7] == '"'))
                {
                    return (line, "include is not supported; put the settings in this file");
                }
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (c)
            {
                case '\n':
                    line++;
                    statementStart = true;
                    break;
                case '#':
                case '/' when next == '/':
                    while (i + 1 < text.Length && text[i + 1] != '\n')
                    {
                        i++;
                    }

                    break;
                case '"' when string.CompareOrdinal(text, i, "\"\"\"", 0, 3) == 0:
                    var close = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        return (line, "a \"\"\" string is never closed");
                    }

                    line += CountNewlines(text, i, close);
                    i = close + 2;
                    break;
                case '"':
                    var end = EndOfQuotedString(text, i);
                    if (end < 0)
                    {
                        return (line, "a quoted string is not closed on the same line");
                    }

                    i = end;
                    break;
                case '$' when next == '{':
                    return (line, "substitutions (${...}) are not supported; write the value, or use a COORD_* environment variable");
                case '{':
                case '[':
                    open.Push((c, line));
                    break;
                case '}':
                case ']':
                    if (open.Count == 0)
                    {
                        return (line, $"'{c}' has no matching opening bracket");
                    }

                    var (bracket, openedOn) = open.Pop();
                    var expected = bracket == '[' ? ']' : '}';
                    if (c != expected)
                    {
                        return (line, $"'{bracket}' opened on line {openedOn} is closed by '{c}'");
                    }

                    break;
            }
        }

        return open.Count == 0 ? null : (open.Peek().Line, $"'{open.Peek().Bracket}' is never closed");
    }

    private static int EndOfQuotedString(string text, int start)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '"':
                    return i;
                case '\n':
                    return -1;
            }
        }

        return -1;
    }

    private static int CountNewlines(string text, int from, int to)
    {
        var count = 0;
        for (var i = from; i < to; i++)
        {
            if (text[i] == '\n')
            {
                count++;
            }
        }

        return count;
    }
}
