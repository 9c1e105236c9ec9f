using System.Text.RegularExpressions;

namespace Tentacle.Double.CommandLine;

/// <summary>
/// The options one command understands, parsed the way Tentacle's Mono.Options-based parser does:
/// prefixes <c>--</c>, <c>-</c> or <c>/</c>; the value after <c>=</c>, <c>:</c> or as the next argument;
/// names compared case-insensitively. Whatever is not recognised is returned, not thrown.
/// </summary>
internal sealed partial class OptionSet
{
    readonly List<OptionDefinition> definitions = [];

    /// <param name="names">Aliases separated by <c>|</c>, e.g. <c>f|from-file</c>.</param>
    public OptionSet Value(string names, Action<string> apply)
    {
        definitions.Add(new OptionDefinition(names.Split('|'), TakesValue: true, apply));
        return this;
    }

    public OptionSet Flag(string names, Action apply)
    {
        definitions.Add(new OptionDefinition(names.Split('|'), TakesValue: false, _ => apply()));
        return this;
    }

    public IReadOnlyList<string> Parse(IReadOnlyList<string> arguments)
    {
        var unrecognized = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var match = OptionSyntax().Match(argument);
            var definition = match.Success ? Find(match.Groups["name"].Value) : null;
            if (definition is null)
            {
                unrecognized.Add(argument);
                continue;
            }

            var inlineValue = match.Groups["value"];
            if (!definition.TakesValue)
            {
                if (inlineValue.Success)
                    unrecognized.Add(argument);
                else
                    definition.Apply(string.Empty);
                continue;
            }

            if (inlineValue.Success)
                definition.Apply(inlineValue.Value);
            else if (i + 1 < arguments.Count)
                definition.Apply(arguments[++i]);
            else
                throw new ControlledFailureException($"Missing required value for option '{argument}'.");
        }

        return unrecognized;
    }

    OptionDefinition? Find(string name) =>
        definitions.FirstOrDefault(d => d.Names.Contains(name, StringComparer.OrdinalIgnoreCase));

    [GeneratedRegex("^(--|-|/)(?<name>[^:=]+)([:=](?<value>.*))?$", RegexOptions.Singleline)]
    private static partial Regex OptionSyntax();

    sealed record OptionDefinition(IReadOnlyList<string> Names, bool TakesValue, Action<string> Apply);
}
