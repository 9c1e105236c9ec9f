using System.Globalization;
using System.Text;

namespace Coordinator.Octopus.Http;

/// <summary>
/// Expands the RFC 6570 templates Octopus puts in its <c>Links</c>: simple <c>{var}</c>, path segments
/// <c>{/var}</c>, and form-style queries <c>{?a,b}</c> / <c>{&amp;a,b}</c>. Lists expand comma-joined (no explode);
/// undefined values (null, or an empty list) are left out, as the RFC says. Values are percent-encoded
/// except for RFC 3986's unreserved characters. One liberty: a <c>{&amp;...}</c> whose preceding <c>{?...}</c>
/// expanded to nothing starts the query with '?', so the link stays a valid URL.
/// </summary>
internal static class UriTemplate
{
    public static string Expand(string template, IReadOnlyDictionary<string, object?> values)
    {
        var expanded = new StringBuilder(template.Length);
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            if (open < 0)
            {
                expanded.Append(template, position, template.Length - position);
                break;
            }

            var close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                throw new FormatException($"The URI template '{template}' has an unclosed '{{'.");
            }

            expanded.Append(template, position, open - position);
            ExpandExpression(template, template[(open + 1)..close], values, expanded);
            position = close + 1;
        }

        return expanded.ToString();
    }

    private static void ExpandExpression(string template, string expression, IReadOnlyDictionary<string, object?> values, StringBuilder expanded)
    {
        var (operatorChar, names) = expression switch
        {
            ['/' or '?' or '&', .. var rest] => (expression[0], rest),
            [var initial, ..] when char.IsAsciiLetterOrDigit(initial) || initial == '_' => ('\0', expression),
            _ => throw new FormatException($"The URI template '{template}' uses an expression '{{{expression}}}' this client does not support."),
        };

        var first = true;
        foreach (var name in names.Split(','))
        {
            if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '.')))
            {
                throw new FormatException($"The URI template '{template}' has a variable '{name}' this client does not support.");
            }

            if (Render(values.GetValueOrDefault(name)) is not { } value)
            {
                continue;
            }

            expanded.Append(operatorChar switch
            {
                '/' => "/",
                '?' => first ? "?" : "&",
                '&' => expanded.ToString().Contains('?') ? "&" : "?",
                _ => first ? "" : ",",
            });
            if (operatorChar is '?' or '&')
            {
                expanded.Append(name).Append('=');
            }

            expanded.Append(value);
            first = false;
        }
    }

    private static string? Render(object? value) => value switch
    {
        null => null,
        string text => Uri.EscapeDataString(text),
        bool flag => flag ? "true" : "false",
        IFormattable number => Uri.EscapeDataString(number.ToString(null, CultureInfo.InvariantCulture)),
        IEnumerable<string> list when list.Any() => string.Join(',', list.Select(Uri.EscapeDataString)),
        IEnumerable<string> => null,
        _ => throw new ArgumentException($"A URI template value must be a string, a number, a boolean or a list of strings, not {value.GetType().Name}."),
    };
}
