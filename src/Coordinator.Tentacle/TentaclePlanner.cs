using System.Collections.Immutable;
using System.Net;

namespace Coordinator.Tentacle;

/// <summary>
/// Decides from a probe which steps a host needs. A step is skipped only when the probe shows its effect is
/// already there; anything the probe could not read counts as missing, since every step is safe to repeat.
/// </summary>
public static class TentaclePlanner
{
    /// <param name="report">What the host has.</param>
    /// <param name="desired">What it should have.</param>
    /// <param name="retainedThumbprint">The thumbprint of the certificate the coordinator keeps for this host.</param>
    public static TentaclePlan Plan(ProbeReport report, DesiredTentacle desired, string retainedThumbprint)
    {
        ArgumentNullException.ThrowIfNull(report);
        var target = DesiredTentacleValidator.Validated(desired);
        var steps = ImmutableArray.CreateBuilder<TentacleStep>();
        var reasons = ImmutableArray.CreateBuilder<string>();
        void Need(TentacleStep step, string reason)
        {
            if (!steps.Contains(step))
                steps.Add(step);
            reasons.Add(reason);
        }

        if (!report.ExecutableFound)
            Need(TentacleStep.Install, $"Tentacle is not installed at {target.Executable}.");
        else if (report.Version is null)
            Need(TentacleStep.Install, $"Tentacle at {target.Executable} does not report its version.");
        else if (target.ExpectedVersion is { } expected && !SameVersion(report.Version, expected))
            Need(TentacleStep.Install, $"Tentacle {report.Version} is installed; {expected} is expected.");

        if (report.Instance is null)
            Need(TentacleStep.CreateInstance, $"The instance '{target.Instance}' does not exist.");
        else if (!SamePath(report.Instance.ConfigurationFilePath, target.ConfigurationFile, target.Platform))
            Need(TentacleStep.CreateInstance, $"The instance '{target.Instance}' uses {report.Instance.ConfigurationFilePath}, not {target.ConfigurationFile}.");

        if (!string.Equals(report.Thumbprint, retainedThumbprint.ToUpperInvariant(), StringComparison.Ordinal))
        {
            Need(TentacleStep.ImportCertificate, report.Thumbprint is null
                ? "The instance presents no certificate."
                : $"The instance presents {report.Thumbprint}, not the retained {retainedThumbprint.ToUpperInvariant()}.");
        }

        var resetListenAddress = false;
        // create-instance sets the home directory back to the configuration file's folder, so Configure must follow it.
        if (steps.Contains(TentacleStep.CreateInstance))
            Need(TentacleStep.Configure, "A newly created instance needs its configuration.");
        if (report.Configuration is null)
        {
            if (report.Instance is not null)
                Need(TentacleStep.Configure, "The instance's configuration could not be read.");
        }
        else
        {
            foreach (var drift in Drift(report.Configuration, target))
                Need(TentacleStep.Configure, drift);
            resetListenAddress = target.ListensOnAnyAddress && !string.IsNullOrEmpty(report.Configuration.ListenIpAddress);
        }

        var changed = steps.Count > 0;
        if (changed && report.ServiceRunning)
            Need(TentacleStep.RestartService, "The running service must pick up the changes.");
        else if (changed)
            Need(TentacleStep.StartService, "The service must run with the new setup.");
        else if (!report.ServiceRunning)
            Need(TentacleStep.StartService, $"The service is {report.Service.ToString().ToLowerInvariant()} and nothing listens on port {target.ListenPort}.");
        else if (!report.Listening)
            Need(TentacleStep.RestartService, $"The service runs but nothing listens on port {target.ListenPort}.");

        return new TentaclePlan(steps.ToImmutable(), resetListenAddress && steps.Contains(TentacleStep.Configure), reasons.ToImmutable());
    }

    static IEnumerable<string> Drift(TentacleConfiguration configuration, DesiredTentacle target)
    {
        if (configuration.HomeDirectory is null || !SamePath(configuration.HomeDirectory, target.HomeDirectory, target.Platform))
            yield return $"The home directory is {Shown(configuration.HomeDirectory)}, not {target.HomeDirectory}.";
        if (configuration.ApplicationDirectory is null || !SamePath(configuration.ApplicationDirectory, target.ApplicationDirectory, target.Platform))
            yield return $"The application directory is {Shown(configuration.ApplicationDirectory)}, not {target.ApplicationDirectory}.";
        if (configuration.ListenPort != target.ListenPort)
            yield return $"The listen port is {Shown(configuration.ListenPort?.ToString(System.Globalization.CultureInfo.InvariantCulture))}, not {target.ListenPort}.";
        if (configuration.NoListen != false)
            yield return "The Tentacle is not set to listen.";
        if (!SameListenAddress(configuration.ListenIpAddress, target))
            yield return $"The listen address is {configuration.ListenIpAddress ?? DesiredTentacle.AnyAddress}, not {target.ListenAddress}.";
        if (configuration.TrustedThumbprints is not [var trusted] || !string.Equals(trusted, target.ServerThumbprint, StringComparison.Ordinal))
            yield return $"The trusted servers are [{string.Join(", ", configuration.TrustedThumbprints)}], not [{target.ServerThumbprint}].";
    }

    static bool SameListenAddress(string? configured, DesiredTentacle target)
    {
        if (string.IsNullOrEmpty(configured) || string.Equals(configured, DesiredTentacle.AnyAddress, StringComparison.OrdinalIgnoreCase))
            return target.ListensOnAnyAddress;
        return !target.ListensOnAnyAddress &&
               IPAddress.TryParse(configured, out var address) && address.Equals(IPAddress.Parse(target.ListenAddress));
    }

    static bool SameVersion(string installed, string expected) =>
        string.Equals(TentacleStepScripts.WithoutBuildMetadata(installed), TentacleStepScripts.WithoutBuildMetadata(expected), StringComparison.Ordinal);

    /// <summary>Windows paths compare without case and with either separator; Linux paths exactly. Trailing separators never count.</summary>
    static bool SamePath(string actual, string expected, TentaclePlatform platform)
    {
        if (platform == TentaclePlatform.Linux)
            return string.Equals(actual.TrimEnd('/'), expected.TrimEnd('/'), StringComparison.Ordinal);
        static string Normal(string path) => path.Replace('/', '\\').TrimEnd('\\');
        return string.Equals(Normal(actual), Normal(expected), StringComparison.OrdinalIgnoreCase);
    }

    static string Shown(string? value) => value ?? "not set";
}
