using Coordinator.HostAccess;
using Coordinator.Tentacle;

namespace Coordinator.Benchmarks.Simulation;

/// <summary>The probe script's answer on a Linux host built a minute ago: nothing of Tentacle is there yet.</summary>
internal static class FreshHostProbe
{
    // BashStepScripts.Probe() describes its command so; the script itself is internal to Coordinator.Tentacle.
    private const string DescriptionPrefix = "Probe Tentacle instance ";

    /// <summary>
    /// What the real probe prints there: no Tentacle program (so none of its commands ran and no instance exists),
    /// systemd knows no such unit (it reports that as inactive, which the probe writes as stopped), nothing listens.
    /// </summary>
    public static readonly string Output =
        $"{ProbeReportParser.StartField}=1\nexecutable=absent\nservice=stopped\nlistening=no\n{ProbeReportParser.EndField}=1\n";

    public static bool Answers(HostCommand command) => command.Description.StartsWith(DescriptionPrefix, StringComparison.Ordinal);

    /// <summary>Fails at start rather than benchmarking converged hosts, should the report format ever change.</summary>
    public static void EnsureReadAsFresh(string instance)
    {
        var report = ProbeReportParser.Parse(Output, instance);
        if (report.ExecutableFound || report.Version is not null || report.Instance is not null || report.Thumbprint is not null
            || report.Configuration is not null || report.ServiceRunning || report.Listening)
        {
            throw new InvalidOperationException($"The simulated probe output no longer reads as a fresh host: {report}");
        }
    }
}
