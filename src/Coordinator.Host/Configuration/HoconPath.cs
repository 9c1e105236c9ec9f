using Akka.Configuration.Hocon;

namespace Coordinator.Host.Configuration;

/// <summary>Walks a HOCON tree by key segments, so quoted keys that contain dots stay one segment.</summary>
public static class HoconPath
{
    /// <summary>Every leaf (a value that is not an object) under <paramref name="root"/>, with its key segments.</summary>
    public static IEnumerable<(IReadOnlyList<string> Path, HoconValue Value)> Leaves(HoconValue root) =>
        Leaves(root, []);

    /// <summary>The value at <paramref name="path"/>, or null where a segment is missing or not an object.</summary>
    public static HoconValue? Find(HoconValue root, IEnumerable<string> path)
    {
        var current = root;
        foreach (var segment in path)
        {
            if (!current.IsObject() || !current.GetObject().Items.TryGetValue(segment, out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    /// <summary>The dotted form an operator would write, quoting segments that need it.</summary>
    public static string Format(IEnumerable<string> path) =>
        string.Join('.', path.Select(segment =>
            segment.Length > 0 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                ? segment
                : "\"" + segment.Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));

    private static IEnumerable<(IReadOnlyList<string>, HoconValue)> Leaves(HoconValue value, string[] prefix)
    {
        if (!value.IsObject())
        {
            yield return (prefix, value);
            yield break;
        }

        foreach (var (key, child) in value.GetObject().Items)
        {
            foreach (var leaf in Leaves(child, [.. prefix, key]))
            {
                yield return leaf;
            }
        }
    }
}
