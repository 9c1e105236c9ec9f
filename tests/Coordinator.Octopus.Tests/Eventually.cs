namespace Coordinator.Octopus.Tests;

internal static class Eventually
{
    /// <summary>Asks <paramref name="probe"/> until it holds, failing after <paramref name="deadline"/>.</summary>
    public static async Task HoldsAsync(Func<bool> probe, TimeSpan deadline, string what)
    {
        using var expiry = new CancellationTokenSource(deadline);
        while (!probe())
        {
            if (expiry.IsCancellationRequested)
            {
                throw new TimeoutException($"Still not true after {deadline}: {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
    }
}
