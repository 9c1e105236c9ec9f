using System.Security.Cryptography;
using OctopusServer.Double;
using OctopusServer.Double.Pipeline;
using OctopusServer.Double.Resources;
using OctopusServer.Double.State;

namespace Coordinator.Octopus.Tests;

/// <summary>A fresh server double per test (the lab's three environments), and a client with test-sized timings.</summary>
public abstract class OctopusTest : IAsyncLifetime
{
    protected static readonly OctopusClientOptions FastOptions = new()
    {
        MaxAttempts = 6,
        AttemptTimeout = TimeSpan.FromSeconds(10),
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        TaskPollInterval = TimeSpan.FromMilliseconds(50),
        HealthCheckDeadline = TimeSpan.FromSeconds(30),
    };

    private readonly List<OctopusClient> _clients = [];

    protected OctopusServerDouble Server { get; private set; } = null!;

    protected OctopusClient Client { get; private set; } = null!;

    protected virtual OctopusServerDoubleOptions ServerOptions => new() { Environments = ["Development", "Staging", "Production"] };

    public virtual async Task InitializeAsync()
    {
        Server = await OctopusServerDouble.StartAsync(ServerOptions);
        Client = NewClient();
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Server.DisposeAsync();
    }

    protected OctopusClient NewClient(
        OctopusClientOptions? options = null,
        string? apiKey = null,
        string? space = null,
        string? pinnedTlsThumbprint = null,
        Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null)
    {
        var settings = new OctopusServerSettings(Server.BaseUri, apiKey ?? Server.ApiKey, space, pinnedTlsThumbprint);
        var client = OctopusClient.Create(settings, options ?? FastOptions, logger: null, wrapHandler);
        _clients.Add(client);
        return client;
    }

    protected IReadOnlyList<RequestLogEntry> RequestsTo(string method, string pathStart) =>
        [.. Server.Requests.Entries.Where(e => e.Method == method && e.PathAndQuery.StartsWith(pathStart, StringComparison.Ordinal))];

    protected static string NewThumbprint() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    protected static DesiredMachine Desired(
        string name,
        string thumbprint,
        string host = "web-01.example.com",
        int port = DesiredMachine.DefaultTentaclePort,
        IReadOnlyList<string>? environments = null,
        IReadOnlyList<string>? roles = null,
        IReadOnlyList<string>? tenantIds = null,
        string? policy = null) =>
        new(name, host, port, thumbprint, environments ?? ["Production"], roles ?? ["web-server"], tenantIds ?? [], policy);

    /// <summary>Puts a machine straight into the server's state, as another tool would have registered it.</summary>
    protected MachineRecord Seed(string name, string thumbprint, string uri = "https://other.example.com:10933/", string style = "TentaclePassive")
    {
        var write = Server.State.CreateMachine(new MachineBody
        {
            Name = name,
            EnvironmentIds = [Server.State.Environments[0].Id],
            Roles = ["web-server"],
            TenantIds = [],
            TenantTags = [],
            TenantedDeploymentParticipation = "Untenanted",
            MachinePolicyId = OctopusState.DefaultMachinePolicyId,
            Endpoint = new EndpointBody { CommunicationStyle = style, Uri = uri, Thumbprint = thumbprint },
        });
        return write.Machine ?? throw new InvalidOperationException("Seeding failed: " + string.Join("; ", write.Errors));
    }

    protected string EnvironmentId(string name) => Server.State.Environments.Single(e => e.Name == name).Id;
}
