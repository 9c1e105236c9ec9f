using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Coordinator.Inventory;
using Coordinator.Octopus;
using Coordinator.Protocol.Machines;
using Microsoft.Extensions.Logging;
using OctopusSettings = Coordinator.Octopus.OctopusServerSettings;

namespace Coordinator.Bootstrap.Octopus;

/// <summary>
/// One Octopus client per server, space and API key, shared by every host that registers there. The key is read
/// from its reference each time a connection is asked for, so a rotated key file is picked up by the next step;
/// only a hash of it keys the cache.
/// </summary>
public sealed class OctopusConnections(OctopusClientOptions? options = null, ILoggerFactory? loggers = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<OctopusConnection>> _connections = new(StringComparer.Ordinal);

    /// <exception cref="SecretResolutionException">The API key cannot be read; the message names the reference only.</exception>
    public OctopusConnection For(OctopusTarget target)
    {
        var apiKey = SecretReference.Parse(target.ApiKeyReference).Resolve();
        var key = $"{target.ServerUrl}\n{target.Space}\n{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)))}";
        return _connections.GetOrAdd(key, _ => new Lazy<OctopusConnection>(() => new OctopusConnection(OctopusClient.Create(
            new OctopusSettings(new Uri(target.ServerUrl), apiKey, target.Space),
            options,
            loggers?.CreateLogger<OctopusClient>())))).Value;
    }

    public void Dispose()
    {
        foreach (var connection in _connections.Values.Where(c => c.IsValueCreated))
        {
            connection.Value.Client.Dispose();
        }
    }
}

/// <summary>A client and what every host's steps need from its server, fetched once.</summary>
public sealed class OctopusConnection(OctopusClient client)
{
    private Task<string>? _serverThumbprint;

    public OctopusClient Client { get; } = client;

    public MachineRegistration Registration { get; } = new(client);

    /// <summary>The server certificate's thumbprint every Tentacle must trust; asked again if the last attempt failed.</summary>
    public Task<string> ServerThumbprintAsync(CancellationToken cancellationToken)
    {
        var current = _serverThumbprint;
        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            current = Client.GetServerThumbprintAsync(CancellationToken.None);
            _serverThumbprint = current;
        }

        return current.WaitAsync(cancellationToken);
    }
}
