using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace OctopusServer.Double.Tests;

/// <summary>Starts a fresh double per test, seeded with the lab's three environments, and a client holding its API key.</summary>
public abstract class ServerTest : IAsyncLifetime
{
    protected OctopusServerDouble Server { get; private set; } = null!;

    protected static readonly TimeSpan TaskDeadline = TimeSpan.FromSeconds(20);

    protected HttpClient Api { get; private set; } = null!;

    /// <summary>What the double starts with; a test class overrides it to turn an option on.</summary>
    protected virtual OctopusServerDoubleOptions Options => new()
    {
        Environments = ["Development", "Staging", "Production"],
    };

    public virtual async Task InitializeAsync()
    {
        Server = await OctopusServerDouble.StartAsync(Options);
        Api = new HttpClient { BaseAddress = Server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        Api.DefaultRequestHeaders.Add("X-Octopus-ApiKey", Server.ApiKey);
    }

    public virtual async Task DisposeAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
    }

    protected async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    protected async Task<(HttpStatusCode Status, JsonNode Body)> SendJsonAsync(HttpMethod method, string path, JsonNode body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await Api.SendAsync(request);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    protected async Task<JsonNode> CreateMachineAsync(JsonObject body)
    {
        var (status, created) = await SendJsonAsync(HttpMethod.Post, "api/Spaces-1/machines", body);
        Assert.True((int)status is >= 200 and < 300, $"POST machine answered {status}: {created.ToJsonString()}");
        return created;
    }

    protected async Task<JsonNode> StartHealthCheckAsync(string machineId, string machineTimeout = "00:01:00")
    {
        var body = new JsonObject
        {
            ["SpaceId"] = "Spaces-1",
            ["Name"] = "Health",
            ["Description"] = "Health check",
            ["Arguments"] = new JsonObject
            {
                ["Timeout"] = "00:05:00",
                ["MachineTimeout"] = machineTimeout,
                ["EnvironmentId"] = null,
                ["WorkerpoolId"] = null,
                ["RestrictedTo"] = null,
                ["MachineIds"] = new JsonArray(machineId),
            },
        };
        var (status, task) = await SendJsonAsync(HttpMethod.Post, "api/Spaces-1/tasks", body);
        Assert.True((int)status is >= 200 and < 300, $"POST task answered {status}: {task.ToJsonString()}");
        return task;
    }

    protected Task<JsonNode> WaitForCompletionAsync(JsonNode task) =>
        Polling.UntilAsync(() => GetJsonAsync($"api/tasks/{task["Id"]}"), t => (bool)t["IsCompleted"]!, TaskDeadline);

    /// <summary>A loopback port that was free a moment ago and has no listener now.</summary>
    protected static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    protected static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("The body was JSON null.");

    /// <summary>The body the spec shows for a listening Tentacle.</summary>
    protected static JsonObject MachineBody(string name, string thumbprint, string uri = "https://web-01.example.com:10933/", string style = "TentaclePassive") =>
        new()
        {
            ["Name"] = name,
            ["EnvironmentIds"] = new JsonArray("Environments-1"),
            ["Roles"] = new JsonArray("web-server"),
            ["TenantIds"] = new JsonArray(),
            ["TenantTags"] = new JsonArray(),
            ["TenantedDeploymentParticipation"] = "Untenanted",
            ["MachinePolicyId"] = "MachinePolicies-1",
            ["IsDisabled"] = false,
            ["Endpoint"] = new JsonObject
            {
                ["CommunicationStyle"] = style,
                ["Uri"] = uri,
                ["Thumbprint"] = thumbprint,
                ["ProxyId"] = null,
            },
        };

    protected static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];
}
