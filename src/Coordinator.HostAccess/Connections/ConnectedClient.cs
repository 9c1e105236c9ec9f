using Renci.SshNet;

namespace Coordinator.HostAccess;

/// <summary>An SSH.NET client and the key objects it authenticated with, disposed together.</summary>
internal sealed class ConnectedClient<TClient>(TClient client, IDisposable authentication, IDisposable key) : IDisposable
    where TClient : BaseClient
{
    public TClient Client { get; } = client;

    public bool IsConnected => Client.IsConnected;

    public void Dispose()
    {
        Client.Dispose();
        authentication.Dispose();
        key.Dispose();
    }
}
