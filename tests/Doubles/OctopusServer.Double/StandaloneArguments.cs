using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;

namespace OctopusServer.Double;

/// <summary>The standalone server's command line, parsed and validated by System.CommandLine.</summary>
internal sealed record StandaloneArguments(
    OctopusServerDoubleOptions Options,
    IReadOnlyDictionary<int, double> ErrorRates,
    TimeSpan Latency,
    double HangRate)
{
    public const string ApiKeyVariable = "OCTOPUS_DOUBLE_API_KEY";

    private const string RateForm = "a fraction from 0 to 1 or a percentage";

    private static readonly Option<int> Port = new("--port")
    {
        Description = "Port on 127.0.0.1; 0 picks a free port.",
        HelpName = "N",
        DefaultValueFactory = _ => new OctopusServerDoubleOptions().Port,
        CustomParser = result => int.TryParse(Value(result), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : Fail<int>(result, $"'--port {Value(result)}' is not a port: write a whole number from 0 to 65535 (0 picks a free port)."),
    };

    private static readonly Option<string?> ApiKey = new("--api-key")
    {
        Description = $"The API key to accept (or set {ApiKeyVariable}).",
        HelpName = "KEY",
        // The key is a secret: the error never repeats it.
        CustomParser = result => string.IsNullOrWhiteSpace(Value(result))
            ? Fail<string?>(result, $"--api-key was given an empty key: write --api-key API-... or set {ApiKeyVariable}.")
            : Value(result),
    };

    private static readonly Option<bool> Https = new("--https") { Description = "Serve HTTPS with a self-signed certificate." };

    private static readonly Option<IReadOnlyList<string>> Environments = new("--environments")
    {
        Description = "Environments to create in Spaces-1, separated by commas.",
        HelpName = "a,b,c",
        Arity = ArgumentArity.ExactlyOne,
        DefaultValueFactory = _ => [],
        CustomParser = result => Value(result).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    };

    private static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seed of the fault injection.",
        HelpName = "N",
        DefaultValueFactory = _ => new OctopusServerDoubleOptions().FaultSeed,
        CustomParser = result => int.TryParse(Value(result), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Fail<int>(result, $"'--seed {Value(result)}' is not a seed: write a whole number such as --seed 1."),
    };

    private static readonly Option<IReadOnlyDictionary<int, double>> ErrorRate = new("--error-rate")
    {
        Description = "Answer a fraction R (0-1, or a percentage like 20%) of requests with the status CODE; repeatable.",
        HelpName = "CODE=R",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => new Dictionary<int, double>(),
        CustomParser = ParseErrorRates,
    };

    private static readonly Option<TimeSpan> LatencyMilliseconds = new("--latency-ms")
    {
        Description = "Delay every authenticated request by N milliseconds.",
        HelpName = "N",
        CustomParser = result => int.TryParse(Value(result), NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0
            ? TimeSpan.FromMilliseconds(milliseconds)
            : Fail<TimeSpan>(result, $"'--latency-ms {Value(result)}' is not a delay: write a whole number of milliseconds, 0 or more, such as --latency-ms 150."),
    };

    private static readonly Option<double> HangRateOption = new("--hang-rate")
    {
        Description = "Never answer a fraction R (0-1, or a percentage like 5%) of authenticated requests.",
        HelpName = "R",
        CustomParser = result => TryParseRate(Value(result), out var rate)
            ? rate
            : Fail<double>(result, $"'--hang-rate {Value(result)}' is not a rate: write {RateForm}, such as --hang-rate 0.05 or --hang-rate 5%."),
    };

    private static readonly Command Command = CreateCommand();

    // Response files are off: a value starting with '@' (an API key, say) means itself, as it always has.
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    /// <summary>The help text, rendered by System.CommandLine from the options above.</summary>
    public static string Usage { get; } = RenderHelp();

    /// <summary>Whether <paramref name="args"/> ask for the help (--help, -h or -?) rather than a server.</summary>
    public static bool AsksForHelp(IReadOnlyList<string> args) => Command.Parse(args, Parsing).Action is HelpAction;

    /// <summary>Parses <paramref name="args"/>; returns null and sets <paramref name="error"/> when they are unusable.</summary>
    public static StandaloneArguments? Parse(IReadOnlyList<string> args, string? apiKeyFromEnvironment, out string? error)
    {
        var parse = Command.Parse(args, Parsing);
        if (parse.Errors.Count > 0)
        {
            var problems = parse.Errors.Select(problem => problem.Message).ToList();
            if (parse.UnmatchedTokens.Count > 0)
            {
                // System.CommandLine names the unknown token ("Unrecognized command or argument '--prot'."); say what to write instead.
                problems.Add($"The options are {string.Join(", ", Command.Options.Select(option => option.Name))}.");
            }

            error = string.Join(Environment.NewLine, problems);
            return null;
        }

        var apiKey = parse.GetValue(ApiKey) ?? (string.IsNullOrWhiteSpace(apiKeyFromEnvironment) ? null : apiKeyFromEnvironment);
        if (apiKey is null)
        {
            error = $"Give the API key to accept with --api-key or the {ApiKeyVariable} environment variable.";
            return null;
        }

        error = null;
        var options = new OctopusServerDoubleOptions
        {
            Port = parse.GetValue(Port),
            ApiKey = apiKey,
            UseHttps = parse.GetValue(Https),
            Environments = parse.GetRequiredValue(Environments),
            FaultSeed = parse.GetValue(Seed),
        };
        return new StandaloneArguments(options, parse.GetRequiredValue(ErrorRate), parse.GetValue(LatencyMilliseconds), parse.GetValue(HangRateOption));
    }

    private static Command CreateCommand()
    {
        var command = new Command("OctopusServer.Double", "Runs the Octopus Server double on 127.0.0.1 until Ctrl+C or SIGTERM.");
        foreach (var option in new Option[] { Port, ApiKey, Https, Environments, Seed, ErrorRate, LatencyMilliseconds, HangRateOption, new HelpOption() })
        {
            command.Options.Add(option);
        }

        return command;
    }

    private static string RenderHelp()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        Command.Parse(["--help"], Parsing).Invoke(new InvocationConfiguration { Output = output });
        return output.ToString().TrimEnd();
    }

    private static IReadOnlyDictionary<int, double> ParseErrorRates(ArgumentResult result)
    {
        // Later rates for the same code replace earlier ones.
        var rates = new Dictionary<int, double>();
        foreach (var token in result.Tokens)
        {
            if (!TryParseErrorRate(token.Value, out var code, out var rate))
            {
                return Fail<IReadOnlyDictionary<int, double>>(
                    result,
                    $"'--error-rate {token.Value}' is not an error rate: write CODE=R, with CODE an HTTP status from 400 to 599 and R {RateForm}, such as --error-rate 503=20%.");
            }

            rates[code] = rate;
        }

        return rates;
    }

    private static bool TryParseErrorRate(string text, out int code, out double rate)
    {
        var parts = text.Split('=', 2);
        rate = 0;
        return int.TryParse(parts[0], CultureInfo.InvariantCulture, out code)
            && code is >= 400 and <= 599
            && parts.Length == 2
            && TryParseRate(parts[1], out rate);
    }

    private static bool TryParseRate(string text, out double rate)
    {
        var percent = text.EndsWith('%');
        var parsed = double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out rate);
        rate = percent ? rate / 100 : rate;
        return parsed && rate is >= 0 and <= 1;
    }

    private static string Value(ArgumentResult result) => result.Tokens.Single().Value;

    private static T Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
