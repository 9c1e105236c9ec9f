using System.Diagnostics;
using Coordinator.Protocol.Fleet;
using Coordinator.Protocol.Machines;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>
/// Where a run's hosts spent their time, from the run's progress as it is polled: each interval between two polls
/// is counted for every host in the phase it was in at the start of the interval. A step's phase lasts from the
/// step's start to the next step's start, so it includes persisting the step's event.
/// </summary>
public sealed class PhaseTimeline(int hosts)
{
    /// <summary>Admitted, but no step started yet: persisting the run's start, issuing and persisting the certificate.</summary>
    public const string BeforeFirstStep = "admitted, before Probe";

    public const string WaitingForAdmission = "waiting for admission";

    private readonly Dictionary<string, double> _hostSeconds = new(StringComparer.Ordinal);
    private Dictionary<string, int> _current = new(StringComparer.Ordinal);
    private long _lastObserved;

    /// <summary>Every phase in the order a host goes through them.</summary>
    public static IReadOnlyList<string> Phases { get; } =
        [WaitingForAdmission, BeforeFirstStep, .. Enum.GetValues<BootstrapStep>().Select(step => step.ToString())];

    public void Observe(FleetCommands.RunProgress progress)
    {
        var now = Stopwatch.GetTimestamp();
        if (_lastObserved != 0)
        {
            var seconds = Stopwatch.GetElapsedTime(_lastObserved, now).TotalSeconds;
            foreach (var (phase, count) in _current)
            {
                _hostSeconds[phase] = _hostSeconds.GetValueOrDefault(phase) + (count * seconds);
            }
        }

        _lastObserved = now;
        _current = progress.Hosts
            .Select(PhaseOf)
            .OfType<string>()
            .GroupBy(phase => phase, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
    }

    /// <summary>Mean seconds per host in each phase, in <see cref="Phases"/> order.</summary>
    public IReadOnlyList<PhaseTime> MeanPerHost() =>
        [.. Phases.Select(phase => new PhaseTime(phase, TimeSpan.FromSeconds(_hostSeconds.GetValueOrDefault(phase) / hosts)))];

    /// <summary>How many hosts are in each phase right now, for a run that did not finish.</summary>
    public string DescribeCurrent() => _current.Count == 0
        ? "no host in flight"
        : string.Join(", ", Phases.Where(_current.ContainsKey).Select(phase => $"{_current[phase]} {phase}"));

    /// <summary>The phase a host in flight is in; null once it has finished.</summary>
    public static string? PhaseOf(HostProgress host) => host.State switch
    {
        HostRunState.Pending => WaitingForAdmission,
        HostRunState.Running when host.Step is null => BeforeFirstStep,
        HostRunState.Running => host.Step.ToString(),
        _ => null,
    };
}

public sealed record PhaseTime(string Phase, TimeSpan MeanPerHost);
