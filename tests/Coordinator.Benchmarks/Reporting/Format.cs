using System.Globalization;

namespace Coordinator.Benchmarks.Reporting;

/// <summary>Numbers as the reports show them, the same on every machine (invariant culture).</summary>
internal static class Format
{
    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString(value.TotalSeconds < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + " s";

    public static string Milliseconds(TimeSpan value) => value.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Count(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Bytes(long value) => Math.Abs(value) switch
    {
        >= 1L << 30 => (value / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (value / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (value / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => value.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
