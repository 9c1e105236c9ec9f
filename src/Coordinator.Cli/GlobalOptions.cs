using System.CommandLine;
using System.CommandLine.Parsing;

namespace Coordinator.Cli;

/// <summary>Options every command accepts, wherever they appear on the command line.</summary>
public sealed class GlobalOptions
{
    public GlobalOptions(Terminal terminal)
    {
        Endpoint = new Option<CoordinatorEndpoint>("--endpoint")
        {
            Description = $"Where the coordinator listens; ${CoordinatorEndpoint.EnvironmentVariable} sets the default.",
            HelpName = "host:port",
            Recursive = true,
            CustomParser = result => ParseEndpoint(result),
            DefaultValueFactory = result => EndpointFromEnvironment(result, terminal),
        };

        Json = new Option<bool>("--json")
        {
            Description = "Write machine-readable JSON to stdout, and nothing else.",
            Recursive = true,
        };

        Timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long to wait for the coordinator: seconds, or a duration like 500ms, 10s, 1m.",
            HelpName = "duration",
            Recursive = true,
            CustomParser = result => ParseTimeout(result),
            DefaultValueFactory = _ => CommandTimeout.Default,
        };
    }

    public Option<CoordinatorEndpoint> Endpoint { get; }

    public Option<bool> Json { get; }

    public Option<TimeSpan> Timeout { get; }

    public IEnumerable<Option> All => [Endpoint, Json, Timeout];

    private static CoordinatorEndpoint ParseEndpoint(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (CoordinatorEndpoint.TryParse(text, out var endpoint))
        {
            return endpoint;
        }

        result.AddError($"--endpoint '{text}' is not {CoordinatorEndpoint.ExpectedForm}.");
        return CoordinatorEndpoint.Default;
    }

    private static CoordinatorEndpoint EndpointFromEnvironment(ArgumentResult result, Terminal terminal)
    {
        if (CoordinatorEndpoint.TryFromEnvironment(terminal.Environment, out var endpoint, out var error))
        {
            return endpoint;
        }

        result.AddError($"{error} Fix it, or pass --endpoint.");
        return CoordinatorEndpoint.Default;
    }

    private static TimeSpan ParseTimeout(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (CommandTimeout.TryParse(text, out var timeout))
        {
            return timeout;
        }

        result.AddError($"--timeout '{text}' is not {CommandTimeout.ExpectedForm}.");
        return CommandTimeout.Default;
    }
}
