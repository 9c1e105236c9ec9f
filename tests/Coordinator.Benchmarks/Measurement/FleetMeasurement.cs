namespace Coordinator.Benchmarks.Measurement;

/// <summary>A fleet run and what was measured around it.</summary>
/// <param name="RetainedBefore">Managed heap after a full collection, before the run.</param>
/// <param name="RetainedAfter">The same once the run ended, its machine actors idle (they passivate after 2 minutes).</param>
/// <param name="PeakWorkingSet">The process's peak working set so far, read after the run.</param>
/// <param name="ThreadsBefore">The process's threads just before the run.</param>
/// <param name="JournalCapacity">Events per second the journal took from as many bare persistent actors as the run had hosts.</param>
/// <param name="LoadAfter">The system's load average when the run ended.</param>
/// <param name="Identities">For a rebuilt fleet: whether every host came back as the same Octopus machine.</param>
public sealed record FleetMeasurement(
    RunMeasurement Run,
    long RetainedBefore,
    long RetainedAfter,
    long PeakWorkingSet,
    int ThreadsBefore,
    double JournalCapacity,
    LoadAverage? LoadAfter,
    IdentityCheck? Identities = null)
{
    public int Hosts => Run.Hosts;

    /// <summary>Every host succeeded and, for a rebuilt fleet, came back as itself.</summary>
    public bool Succeeded => Run.AllSucceeded && Identities?.Passed != false;

    /// <summary>Heap the run left behind per host: idle machine actors, plus what else keeps a host (see the report).</summary>
    public long RetainedPerHost => (RetainedAfter - RetainedBefore) / Run.Hosts;

    /// <summary>The least time the journal takes for the run's events at the rate it managed alone.</summary>
    public TimeSpan JournalBound => TimeSpan.FromSeconds(Run.JournalEvents / JournalCapacity);
}
