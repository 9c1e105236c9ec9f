namespace Coordinator.Tentacle;

/// <summary>Chooses the script generator for a host's platform.</summary>
public static class TentacleStepScripts
{
    /// <summary>How long a service script waits for the listener by default (Tentacle listens about 2 s after start).</summary>
    public static readonly TimeSpan DefaultListenerWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The scripts for <paramref name="desired"/>: bash for Linux, PowerShell for Windows.
    /// </summary>
    /// <param name="desired">What the host should end up with; validated here.</param>
    /// <param name="listenerWait">How long the service scripts wait for the port to accept connections; keep it below the step timeout.</param>
    /// <exception cref="InvalidTentacleSettingsException">A value cannot be used (each problem is listed).</exception>
    public static ITentacleStepScripts For(DesiredTentacle desired, TimeSpan? listenerWait = null)
    {
        var validated = DesiredTentacleValidator.Validated(desired);
        var wait = listenerWait ?? DefaultListenerWait;
        if (wait <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(listenerWait), wait, "The listener wait must be positive.");
        return validated.Platform == TentaclePlatform.Linux
            ? new BashStepScripts(validated, wait)
            : new PowerShellStepScripts(validated, wait);
    }

    /// <summary>Checks the arguments of <see cref="ITentacleStepScripts.ImportCertificate"/>.</summary>
    internal static string ValidatedThumbprint(TentaclePlatform platform, string uploadedPfxPath, string expectedThumbprint)
    {
        var problems = new List<string>();
        DesiredTentacleValidator.CheckRemoteFile(problems, platform, "uploaded certificate path", uploadedPfxPath);
        DesiredTentacleValidator.CheckThumbprint(problems, "certificate thumbprint", expectedThumbprint);
        return problems.Count == 0 ? expectedThumbprint.ToUpperInvariant() : throw new InvalidTentacleSettingsException(problems);
    }

    /// <summary>The version without build metadata, which is what the comparison on the host uses.</summary>
    internal static string WithoutBuildMetadata(string version) => version.Split('+')[0];
}
