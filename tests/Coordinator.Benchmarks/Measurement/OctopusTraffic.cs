using System.Text.RegularExpressions;
using OctopusServer.Double.Pipeline;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>
/// The requests the Octopus double answered during a run, grouped by what they were for (ids and query values
/// blanked out), so a run's Octopus traffic per host can be read beside its time.
/// </summary>
public static partial class OctopusTraffic
{
    private const int KindsShown = 6;

    /// <param name="since">How many entries the request log held when the run started.</param>
    public static OctopusRequests Since(RequestLog log, int since, int hosts)
    {
        var entries = log.Entries;
        var run = entries.Skip(since).ToList();
        var kinds = run
            .GroupBy(entry => $"{entry.Method} {Template(entry.PathAndQuery)}", StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .Take(KindsShown)
            .Select(group => new RequestKind(group.Key, group.Count()))
            .ToList();
        return new OctopusRequests(run.Count, hosts, kinds);
    }

    /// <summary><c>/api/Spaces-1/machines/Machines-12?thumbprint=AB12</c> → <c>/api/{id}/machines/{id}?thumbprint=…</c>.</summary>
    private static string Template(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?');
        var path = IdSegment().Replace(query < 0 ? pathAndQuery : pathAndQuery[..query], "/{id}");
        return query < 0 ? path : path + "?" + QueryValue().Replace(pathAndQuery[(query + 1)..], "=…");
    }

    [GeneratedRegex("/[A-Za-z]+-[0-9]+")]
    private static partial Regex IdSegment();

    [GeneratedRegex("=[^&]*")]
    private static partial Regex QueryValue();
}

/// <param name="Kinds">The most frequent kinds of request, most frequent first.</param>
public sealed record OctopusRequests(int Total, int Hosts, IReadOnlyList<RequestKind> Kinds)
{
    public double PerHost => Total / (double)Hosts;
}

public sealed record RequestKind(string Request, int Count);
