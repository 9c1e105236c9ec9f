using System.Text.RegularExpressions;
using Akka.Configuration;

namespace Coordinator.Host.Configuration;

/// <summary>Reads an operator's HOCON file, turning every way it can be broken into one clear line.</summary>
public static partial class HoconFile
{
    // HoconSyntaxCheck rejects the inputs known to hang Akka's parser; a settings file parses in
    // milliseconds, so this bound turns any other such input into an error instead of a start that never ends.
    private static readonly TimeSpan ParseTimeout = TimeSpan.FromSeconds(10);

    public static async Task<Config> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CoordinatorConfigurationException($"cannot read config file {path}: {e.Message}");
        }

        if (HoconSyntaxCheck.FindProblem(text) is var (line, problem))
        {
            throw Malformed(path, line, problem);
        }

        Config config;
        try
        {
            config = await Task.Run(() => ConfigurationFactory.ParseString(text), cancellationToken)
                .WaitAsync(ParseTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new CoordinatorConfigurationException(
                $"cannot parse config file {path}: the HOCON parser did not finish; check its brackets, quotes and separators");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw FromParserMessage(path, text, e.Message);
        }

        var valueless = HoconPath.Leaves(config.Root).FirstOrDefault(leaf => leaf.Value.Values.Count == 0);
        if (valueless.Path is { Count: > 0 })
        {
            throw new CoordinatorConfigurationException(
                $"cannot parse config file {path}: \"{HoconPath.Format(valueless.Path)}\" has no value (expected key = value)");
        }

        return config;
    }

    private static CoordinatorConfigurationException FromParserMessage(string path, string text, string message)
    {
        var firstLine = message.Split('\n', 2)[0].Trim();
        var position = ParserPosition().Match(firstLine);
        if (position.Success && int.TryParse(position.Groups["offset"].Value, out var offset) && offset <= text.Length)
        {
            var line = 1 + text.AsSpan(0, offset).Count('\n');
            return Malformed(path, line, firstLine[..position.Index].Trim().ToLowerInvariant());
        }

        return new CoordinatorConfigurationException($"cannot parse config file {path}: {firstLine}");
    }

    private static CoordinatorConfigurationException Malformed(string path, int line, string problem) =>
        new($"cannot parse config file {path} line {line}: {problem}");

    [GeneratedRegex(@"\s*at position (?<offset>\d+)")]
    private static partial Regex ParserPosition();
}
