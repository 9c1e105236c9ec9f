using System.Globalization;
using System.Text.RegularExpressions;
using Coordinator.Benchmarks.Fleet;

namespace Coordinator.Benchmarks;

/// <summary>The benchmark's command line.</summary>
/// <param name="FleetSizes">The fleet runs, smallest first; each is compared with one host's path.</param>
/// <param name="Output">Where to write the markdown report, or null for the console summary only.</param>
/// <param name="Deadline">The whole benchmark's limit: past it, it reports a failure and exits non-zero.</param>
/// <param name="KeepData">Keep the temporary directory (journal, logs) and print where it is.</param>
/// <param name="MaxParallel">The coordinator's global limit; null for the largest fleet, i.e. no limit.</param>
public sealed partial record BenchmarkOptions(IReadOnlyList<int> FleetSizes, TimeSpan Latency, string? Output, TimeSpan Deadline, bool KeepData, int? MaxParallel = null)
{
    public const string Usage = """
        Usage: Coordinator.Benchmarks [options]
          --hosts N[,N...]    hosts in the fleet run (default 1000); several sizes run one after another,
                              smallest first, and larger ones are skipped once one fails
          --latency D         fixed latency of every simulated remote operation (default 50ms)
          --output PATH       also write the report as markdown (e.g. docs/benchmarks.md)
          --max-parallel N    the coordinator's global limit (default: the largest fleet, i.e. unlimited)
          --deadline D        give up and exit 1 after this long (default 15m)
          --keep-data         keep the temporary data directory (journal, logs) and print its path
          --help              this text
        Durations: 50ms, 2s, 15m.
        """;

    public static BenchmarkOptions Default { get; } = new([1000], TimeSpan.FromMilliseconds(50), null, TimeSpan.FromMinutes(15), false);

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set when they are unusable.</summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = Default;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--keep-data")
            {
                options = options with { KeepData = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"'{name}' needs a value.";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--hosts" when TryParseSizes(value, out var sizes):
                    options = options with { FleetSizes = sizes };
                    break;
                case "--latency" when TryParseDuration(value, out var latency):
                    options = options with { Latency = latency };
                    break;
                case "--output" when value.Length > 0:
                    options = options with { Output = Path.GetFullPath(value) };
                    break;
                case "--max-parallel" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1:
                    options = options with { MaxParallel = limit };
                    break;
                case "--deadline" when TryParseDuration(value, out var deadline) && deadline > TimeSpan.Zero:
                    options = options with { Deadline = deadline };
                    break;
                default:
                    error = $"'{name} {value}' is not an option, or its value is not valid.";
                    return null;
            }
        }

        return options;
    }

    public int LargestFleet => FleetSizes.Max();

    /// <summary>The coordinator's global limit: as asked, else the largest fleet, so no run is limited.</summary>
    public int EffectiveMaxParallel => MaxParallel ?? LargestFleet;

    public bool Unlimited => EffectiveMaxParallel >= LargestFleet;

    private static bool TryParseSizes(string text, out IReadOnlyList<int> sizes)
    {
        var parsed = text.Split(',', StringSplitOptions.TrimEntries)
            .Select(part => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0)
            .ToList();
        sizes = [.. parsed.Distinct().Order()];
        return parsed.All(size => size is >= 1 and <= BenchmarkHosts.MaxHosts);
    }

    private static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        duration = match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            _ => TimeSpan.FromMinutes(amount),
        };
        return true;
    }

    [GeneratedRegex("^([0-9]+)(ms|s|m)$")]
    private static partial Regex DurationPattern();
}
