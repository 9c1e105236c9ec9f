namespace Coordinator.Octopus;

/// <summary>A space, environment or machine policy named in the configuration does not exist on the server.</summary>
public sealed class OctopusNameNotFoundException : OctopusException
{
    internal OctopusNameNotFoundException(string kind, IReadOnlyList<string> missing, IReadOnlyList<string> existing, string where)
        : base(
            $"{where} has no {kind} named {string.Join(", ", missing.Select(n => $"'{n}'"))}. " +
            (existing.Count == 0 ? $"It has no {Plural(kind)} at all." : $"Its {Plural(kind)} are: {string.Join(", ", existing)}."))
    {
        Kind = kind;
        Missing = missing;
    }

    /// <summary><c>space</c>, <c>environment</c> or <c>machine policy</c>.</summary>
    public string Kind { get; }

    public IReadOnlyList<string> Missing { get; }

    private static string Plural(string kind) => kind.EndsWith('y') ? kind[..^1] + "ies" : kind + "s";
}
