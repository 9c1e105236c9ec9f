using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using Coordinator.Benchmarks.Fleet;

namespace Coordinator.Benchmarks;

/// <summary>The benchmark's options, parsed and validated by System.CommandLine (help, errors and typo hints included).</summary>
public static partial class BenchmarkCommandLine
{
    /// <summary>A root command whose action runs <paramref name="run"/> with the parsed options.</summary>
    public static RootCommand Create(Func<BenchmarkOptions, CancellationToken, Task<int>> run)
    {
        var hosts = new Option<IReadOnlyList<int>>("--hosts")
        {
            Description = "Hosts in the fleet run; several sizes (100,1000) run smallest first, and larger ones are skipped once one fails.",
            CustomParser = ParseSizes,
            DefaultValueFactory = _ => BenchmarkOptions.Default.FleetSizes,
        };
        var latency = Duration("--latency", "Fixed latency of every simulated remote operation (50ms, 2s, 15m).", BenchmarkOptions.Default.Latency);
        var output = new Option<FileInfo?>("--output") { Description = "Also write the report as markdown (e.g. docs/benchmarks.md)." };
        var maxParallel = new Option<int?>("--max-parallel")
        {
            Description = "The coordinator's global limit (default: the largest fleet, i.e. unlimited).",
            CustomParser = result => int.TryParse(result.Tokens.Single().Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : Fail<int?>(result, "--max-parallel takes a whole number of at least 1."),
        };
        var deadline = Duration("--deadline", "Give up and exit 1 after this long.", BenchmarkOptions.Default.Deadline);
        var keepData = new Option<bool>("--keep-data") { Description = "Keep the temporary data directory (journal, logs) and print its path." };
        var scenario = new Option<ScenarioSelection>("--scenario")
        {
            Description = "new: hosts the coordinator has never seen; rebuilt: the same hosts recreated blank and bootstrapped again " +
                          "(they keep their retained certificates and Octopus machines); both.",
            DefaultValueFactory = _ => BenchmarkOptions.Default.Scenarios,
            // The accepted values below are checked too; this maps them and keeps a failed parse from throwing.
            CustomParser = result => Enum.TryParse<ScenarioSelection>(result.Tokens.Single().Value, ignoreCase: true, out var value)
                ? value
                : Fail<ScenarioSelection>(result, "--scenario takes new, rebuilt or both."),
        };
        scenario.AcceptOnlyFromAmong([.. Enum.GetValues<ScenarioSelection>().Select(value => value.ToArgument())]);

        var root = new RootCommand("Bootstraps a simulated fleet through the real coordinator, in this process, and reports how long it took against one host's path.");
        foreach (var option in new Option[] { hosts, latency, output, maxParallel, deadline, keepData, scenario })
        {
            root.Options.Add(option);
        }

        root.SetAction((parse, cancellationToken) => run(
            new BenchmarkOptions(
                parse.GetRequiredValue(hosts),
                parse.GetRequiredValue(latency),
                parse.GetValue(output)?.FullName,
                parse.GetRequiredValue(deadline),
                parse.GetValue(keepData),
                parse.GetValue(maxParallel),
                parse.GetRequiredValue(scenario)),
            cancellationToken));
        return root;
    }

    private static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => DurationPattern().Match(result.Tokens.Single().Value.Trim()) is { Success: true } match
                                 && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0
            ? match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                _ => TimeSpan.FromMinutes(amount),
            }
            : Fail<TimeSpan>(result, $"{name} takes a duration such as 50ms, 2s or 15m."),
    };

    private static IReadOnlyList<int> ParseSizes(ArgumentResult result)
    {
        var parsed = result.Tokens.Single().Value.Split(',', StringSplitOptions.TrimEntries)
            .Select(part => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0)
            .ToList();
        return parsed.All(size => size is >= 1 and <= BenchmarkHosts.MaxHosts)
            ? [.. parsed.Distinct().Order()]
            : Fail<IReadOnlyList<int>>(result, $"--hosts takes fleet sizes from 1 to {BenchmarkHosts.MaxHosts}, separated by commas.");
    }

    private static T Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    [GeneratedRegex("^([0-9]+)(ms|s|m)$")]
    private static partial Regex DurationPattern();
}
