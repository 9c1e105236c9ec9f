namespace Coordinator.Protocol.Fleet;

/// <summary>How a run admits hosts.</summary>
/// <param name="MaxParallel">Hosts in flight at once for this run; 0 means only the coordinator's global limit applies.</param>
/// <param name="MaxFail">Stop admitting new hosts once this many have failed; hosts already in flight finish.</param>
/// <param name="Sequential">One host at a time, for debugging.</param>
public sealed record RunOptions(int MaxParallel, FailureThreshold? MaxFail, bool Sequential)
{
    public static readonly RunOptions Default = new(0, null, false);

    public int ParallelLimit(int globalLimit)
    {
        if (Sequential)
        {
            return 1;
        }

        return MaxParallel > 0 ? Math.Min(MaxParallel, globalLimit) : globalLimit;
    }
}

/// <summary>A failure budget: an absolute count (<c>--max-fail 3</c>) or a share of the run (<c>--max-fail 10%</c>).</summary>
public sealed record FailureThreshold(int? Count, int? Percent)
{
    /// <summary>True once more hosts failed than the budget allows.</summary>
    public bool IsExceeded(int failed, int total) =>
        Count is { } count ? failed > count : failed * 100 > (Percent ?? 100) * total;

    public override string ToString() => Count is { } count ? count.ToString() : $"{Percent}%";
}
