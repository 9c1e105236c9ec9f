using OctopusServer.Double.Pipeline;

namespace OctopusServer.Double;

public sealed record OctopusServerDoubleOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The only API key the server accepts; when null a random one is made (read it from <see cref="OctopusServerDouble.ApiKey"/>).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Serve HTTPS with a self-signed certificate instead of plain HTTP.</summary>
    public bool UseHttps { get; init; }

    /// <summary>Environments created in the default space at start, in this order.</summary>
    public IReadOnlyList<string> Environments { get; init; } = [];

    /// <summary>The seed of the fault injection's random sequence.</summary>
    public int FaultSeed { get; init; } = 1;

    /// <summary>How long machine discovery waits for a Tentacle to connect and present its certificate.</summary>
    public TimeSpan DiscoverTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Health checks mark every machine Healthy without connecting to it: for a benchmark whose simulated hosts
    /// run no Tentacle. Off by default, when a health check really talks to each listening Tentacle over TLS.
    /// </summary>
    public bool AssumeTentaclesHealthy { get; init; }

    /// <summary>Called for every entry added to the request log, e.g. to print it.</summary>
    public Action<RequestLogEntry>? OnRequest { get; init; }
}
