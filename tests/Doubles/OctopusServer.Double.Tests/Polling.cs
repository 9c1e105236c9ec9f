namespace OctopusServer.Double.Tests;

internal static class Polling
{
    /// <summary>Asks <paramref name="probe"/> until <paramref name="done"/> holds, failing after <paramref name="deadline"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline)
    {
        using var expiry = new CancellationTokenSource(deadline);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (expiry.IsCancellationRequested)
            {
                throw new TimeoutException($"Still not done after {deadline}; last value: {value}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }
    }
}
