using Tentacle.Double.CommandLine;

namespace Tentacle.Double.Commands;

/// <summary>A Tentacle command: the options it accepts and what it does with them.</summary>
internal abstract class TentacleCommand
{
    protected OptionSet Options { get; } = new();

    public abstract Task ExecuteAsync(CommandContext context, CancellationToken cancellation);

    public void ParseOptions(IReadOnlyList<string> arguments)
    {
        var unrecognized = Options.Parse(arguments);
        if (unrecognized.Count > 0)
            throw new ControlledFailureException("Unrecognized command line arguments: " + string.Join(" ", unrecognized));
    }

    protected static string ReadFormat(string format)
    {
        if (!string.Equals(format, "text", StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            throw new ControlledFailureException($"The format '{format}' is not supported. Try text or json.");
        return format.ToLowerInvariant();
    }
}
