using Microsoft.AspNetCore.Http;

namespace OctopusServer.Double.Api;

/// <summary>Reads collection query parameters the way Octopus clients send them.</summary>
internal sealed class QueryFilter(IQueryCollection query)
{
    public string? Single(string name) => query.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>Clients expand list parameters as <c>ids=a,b</c> or repeat them; both mean the same.</summary>
    public IReadOnlyList<string>? List(string name) =>
        query.TryGetValue(name, out var values)
            ? [.. values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
            : null;

    public IEnumerable<T> Apply<T>(IEnumerable<T> items, string parameter, Func<T, string, bool> matches) =>
        Single(parameter) is { Length: > 0 } value ? items.Where(i => matches(i, value)) : items;

    public IEnumerable<T> ApplyAny<T>(IEnumerable<T> items, string parameter, Func<T, string, bool> matches) =>
        List(parameter) is { Count: > 0 } values ? items.Where(i => values.Any(v => matches(i, v))) : items;

    public static bool Contains(string text, string fragment) => text.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
