namespace Tentacle.Double.Lab;

/// <summary>
/// The lab's model of a slow Linux install: a tarball cannot delay <c>tar</c>, so the packer records a delay
/// beside the binaries and the first Tentacle command after extraction waits that long, once.
/// </summary>
internal static class InstallDelay
{
    public const string DelayFileName = ".install-delay-ms";
    public const string DoneMarkerName = ".install-delay-done";

    public static async Task WaitOnceAsync(string installDirectory)
    {
        var delayFile = Path.Combine(installDirectory, DelayFileName);
        var doneMarker = Path.Combine(installDirectory, DoneMarkerName);
        if (!File.Exists(delayFile) || File.Exists(doneMarker))
            return;
        if (int.TryParse((await File.ReadAllTextAsync(delayFile)).Trim(), out var milliseconds) && milliseconds > 0)
            await Task.Delay(milliseconds);
        try
        {
            await File.WriteAllTextAsync(doneMarker, string.Empty);
        }
        catch (UnauthorizedAccessException)
        {
            // A read-only install simply stays "slow"; the command itself must still run.
        }
    }
}
