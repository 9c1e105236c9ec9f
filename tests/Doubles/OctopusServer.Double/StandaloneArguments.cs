using System.Globalization;

namespace OctopusServer.Double;

/// <summary>The standalone server's command line.</summary>
internal sealed record StandaloneArguments(
    OctopusServerDoubleOptions Options,
    IReadOnlyDictionary<int, double> ErrorRates,
    TimeSpan Latency,
    double HangRate)
{
    public const string ApiKeyVariable = "OCTOPUS_DOUBLE_API_KEY";

    public const string Usage = """
        Usage: OctopusServer.Double [options]
          --port N               port on 127.0.0.1 (default 0: a free port)
          --api-key KEY          the API key to accept (or set OCTOPUS_DOUBLE_API_KEY)
          --https                serve HTTPS with a self-signed certificate
          --environments a,b,c   environments to create in Spaces-1
          --seed N               seed of the fault injection (default 1)
          --error-rate CODE=R    answer a fraction R (0-1, or a percentage like 20%) of requests with CODE; repeatable
          --latency-ms N         delay every authenticated request by N milliseconds
          --hang-rate R          never answer a fraction R of authenticated requests
        """;

    /// <summary>Parses <paramref name="args"/>; returns null and sets <paramref name="error"/> when they are unusable.</summary>
    public static StandaloneArguments? Parse(IReadOnlyList<string> args, string? apiKeyFromEnvironment, out string? error)
    {
        var options = new OctopusServerDoubleOptions { ApiKey = string.IsNullOrWhiteSpace(apiKeyFromEnvironment) ? null : apiKeyFromEnvironment };
        var errorRates = new Dictionary<int, double>();
        var latency = TimeSpan.Zero;
        var hangRate = 0.0;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--https")
            {
                options = options with { UseHttps = true };
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
                case "--port" when int.TryParse(value, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535:
                    options = options with { Port = port };
                    break;
                case "--api-key" when !string.IsNullOrWhiteSpace(value):
                    options = options with { ApiKey = value };
                    break;
                case "--environments":
                    options = options with { Environments = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                    break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed):
                    options = options with { FaultSeed = seed };
                    break;
                case "--error-rate" when TryParseErrorRate(value, out var code, out var rate):
                    errorRates[code] = rate;
                    break;
                case "--latency-ms" when int.TryParse(value, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0:
                    latency = TimeSpan.FromMilliseconds(milliseconds);
                    break;
                case "--hang-rate" when TryParseRate(value, out var rate):
                    hangRate = rate;
                    break;
                default:
                    error = $"'{name}' is not an option, or its value is not valid.";
                    return null;
            }
        }

        if (options.ApiKey is null)
        {
            error = $"Give the API key to accept with --api-key or the {ApiKeyVariable} environment variable.";
            return null;
        }

        return new StandaloneArguments(options, errorRates, latency, hangRate);
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
}
