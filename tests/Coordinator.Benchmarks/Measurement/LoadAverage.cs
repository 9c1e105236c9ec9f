using System.Globalization;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>
/// The system's load average (/proc/loadavg): runnable tasks, this process's and everyone else's. Above the number
/// of cores, other work competed for the CPU while the benchmark ran and its absolute times are pessimistic.
/// </summary>
public sealed record LoadAverage(double OneMinute, double FiveMinutes, double FifteenMinutes)
{
    public static LoadAverage? Read()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new LoadAverage(Parse(fields[0]), Parse(fields[1]), Parse(fields[2]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{OneMinute:0.0}, {FiveMinutes:0.0}, {FifteenMinutes:0.0}");

    private static double Parse(string field) => double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
}
