namespace Coordinator.HostAccess.Tests;

/// <summary>Polls a condition until it holds or a deadline passes: the tests' only way of waiting for something.</summary>
internal static class Deadline
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan within)
    {
        var end = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow >= end)
            {
                return false;
            }

            await Task.Delay(Interval);
        }

        return true;
    }
}
