namespace AppcmdDouble;

/// <summary>
/// <c>appcmd VERB OBJECT [identifier] [/attribute:value ...]</c>. Attribute names are case-insensitive; a
/// name may be dotted (<c>/processModel.identityType:...</c>, <c>/site.name:...</c>).
/// </summary>
internal sealed record AppcmdRequest(
    string Verb,
    string ObjectType,
    string? Identifier,
    IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    public string? Attribute(string name) =>
        Attributes.LastOrDefault(a => a.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public static AppcmdRequest Parse(IReadOnlyList<string> args)
    {
        if (args.Count < 2)
            throw AppcmdError.Usage("Usage: appcmd (list|add|set|delete) (site|app|apppool) [identifier] [/attribute:value ...] ");
        string? identifier = null;
        var attributes = new List<KeyValuePair<string, string>>();
        foreach (var arg in args.Skip(2))
        {
            if (arg.Length > 1 && (arg[0] == '/' || arg[0] == '-'))
            {
                var colon = arg.IndexOf(':');
                attributes.Add(colon < 0
                    ? new(arg[1..], "true")
                    : new(arg[1..colon], arg[(colon + 1)..]));
            }
            else if (identifier is null)
            {
                identifier = arg;
            }
            else
            {
                throw AppcmdError.Usage($"Unexpected argument \"{arg}\".");
            }
        }
        return new AppcmdRequest(args[0].ToLowerInvariant(), args[1].ToLowerInvariant(), identifier, attributes);
    }
}
