using System.Globalization;
using System.Text.RegularExpressions;

namespace Coordinator.Cli;

/// <summary>How long a command waits for the coordinator: <c>--timeout</c>.</summary>
public static partial class CommandTimeout
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Maximum = TimeSpan.FromHours(1);

    public const string ExpectedForm = "seconds (10), a number with a unit (500ms, 10s, 1.5m, 1h) or hh:mm:ss, above 0 and at most 1h";

    /// <summary>
    /// Parses a timeout. A bare number means seconds: <see cref="TimeSpan.TryParse(string, out TimeSpan)"/>
    /// would read "10" as ten days.
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan timeout)
    {
        timeout = TimeSpan.Zero;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        var match = NumberWithUnit().Match(trimmed);
        if (match.Success)
        {
            var amount = double.Parse(match.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var milliseconds = match.Groups["unit"].Value.ToLowerInvariant() switch
            {
                "ms" => amount,
                "m" => amount * 60_000,
                "h" => amount * 3_600_000,
                _ => amount * 1_000, // "s", or no unit at all
            };
            if (milliseconds > Maximum.TotalMilliseconds)
            {
                return false;
            }

            timeout = TimeSpan.FromMilliseconds(milliseconds);
        }
        else if (!trimmed.Contains(':') || !TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out timeout))
        {
            // hh:mm:ss only with a colon, so that a bare number can never mean days.
            return false;
        }

        return timeout > TimeSpan.Zero && timeout <= Maximum;
    }

    /// <summary>Writes a timeout the way an operator would type it back.</summary>
    public static string Format(TimeSpan timeout) =>
        timeout.TotalMilliseconds < 1_000 || timeout.Milliseconds != 0
            ? $"{timeout.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms"
            : timeout.TotalSeconds < 60 || timeout.Seconds != 0
                ? $"{timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)}s"
                : $"{timeout.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)}m";

    [GeneratedRegex(@"^(?<amount>\d+(\.\d+)?)\s*(?<unit>ms|s|m|h)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberWithUnit();
}
