using Coordinator.Certificates;

namespace Coordinator.Benchmarks.Measurement;

/// <summary>
/// What a retained identity costs: every new host gets an RSA-2048 certificate before its first step, so a fleet of N
/// new hosts needs N of them however the rest is scheduled.
/// </summary>
/// <param name="MeanCpu">CPU time per certificate, of the thread that made it: unlike a stopwatch, not inflated by other work on the machine.</param>
public sealed record CertificateCost(TimeSpan MeanCpu)
{
    /// <summary>The CPU that <paramref name="hosts"/> certificates need.</summary>
    public TimeSpan CpuFor(int hosts) => MeanCpu * hosts;

    /// <summary>The least time issuing <paramref name="hosts"/> certificates takes with <paramref name="cores"/> idle cores.</summary>
    public TimeSpan WallFor(int hosts, int cores) => CpuFor(hosts) / cores;

    /// <summary>Measured on one thread, before anything else runs in the process.</summary>
    /// <param name="samples">Certificates to average over; RSA key generation varies a lot from key to key.</param>
    public static CertificateCost Measure(int samples)
    {
        TentacleCertificateFactory.Create(); // JIT and the crypto library's start-up are not part of the cost
        var before = ThreadCpu.Used();
        for (var i = 0; i < samples; i++)
        {
            TentacleCertificateFactory.Create();
        }

        return new CertificateCost((ThreadCpu.Used() - before) / samples);
    }
}
