namespace Coordinator.IntegrationTests.Harness;

/// <summary>Waits for a condition with a deadline, checking a few times a second: never a sleep standing in for a signal.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan deadline) =>
        UntilAsync(() => Task.FromResult(condition()), deadline);

    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan deadline)
    {
        var end = DateTime.UtcNow + deadline;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow >= end)
            {
                return false;
            }

            await Task.Delay(Interval);
        }
    }
}
