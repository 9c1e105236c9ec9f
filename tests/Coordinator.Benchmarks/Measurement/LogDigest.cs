using System.Text.Json;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>
/// The coordinator's warnings and errors during a run, read back from its compact-JSON log file and grouped by
/// message template and exception, so a failure at scale is reported as "127 × this" rather than scrolling past.
/// </summary>
public static class LogDigest
{
    private const int ExceptionTextShown = 200;

    public static IReadOnlyList<LogGroup> Since(string directory, DateTimeOffset since, int groups)
    {
        var counts = new Dictionary<(string Level, string Message), int>();
        foreach (var file in Directory.Exists(directory) ? Directory.GetFiles(directory, "*.clef") : [])
        {
            foreach (var line in LinesOf(file))
            {
                if (Read(line, since) is { } key)
                {
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }

        return [.. counts.OrderByDescending(pair => pair.Value).Take(groups).Select(pair => new LogGroup(pair.Key.Level, pair.Key.Message, pair.Value))];
    }

    private static (string Level, string Message)? Read(string line, DateTimeOffset since)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        // CLEF leaves the level out for Information; only warnings and worse are of interest.
        if (!root.TryGetProperty("@l", out var level) || level.GetString() is not ("Warning" or "Error" or "Fatal"))
        {
            return null;
        }

        if (root.TryGetProperty("@t", out var time) && time.GetDateTimeOffset() < since)
        {
            return null;
        }

        var template = root.TryGetProperty("@mt", out var mt) ? mt.GetString() ?? "" : "";
        var exception = root.TryGetProperty("@x", out var x) ? x.GetString()?.Split('\n')[0].Trim() ?? "" : "";
        if (exception.Length > ExceptionTextShown)
        {
            exception = exception[..ExceptionTextShown] + "…";
        }

        return (level.GetString()!, exception.Length == 0 ? template : $"{template} — {exception}");
    }

    // The host still writes the file; share it rather than lock it.
    private static IEnumerable<string> LinesOf(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}

/// <param name="Message">The message template (placeholders, not values) and the exception's first line.</param>
public sealed record LogGroup(string Level, string Message, int Count);
