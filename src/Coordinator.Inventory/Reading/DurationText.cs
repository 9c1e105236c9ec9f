using System.Text.RegularExpressions;

namespace Coordinator.Inventory.Reading;

/// <summary>Durations written like <c>90s</c>, <c>10m</c>, <c>1h30m</c>: hours, minutes and seconds, in that order.</summary>
internal static partial class DurationText
{
    public static TimeSpan? Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success || text.Length == 0)
        {
            return null;
        }

        var duration = TimeSpan.FromHours(Number(match, "h")) + TimeSpan.FromMinutes(Number(match, "m")) +
                       TimeSpan.FromSeconds(Number(match, "s"));
        return duration > TimeSpan.Zero ? duration : null;
    }

    private static int Number(Match match, string group) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<h>\d{1,4})h)?(?:(?<m>\d{1,5})m)?(?:(?<s>\d{1,6})s)?$")]
    private static partial Regex Pattern();
}
