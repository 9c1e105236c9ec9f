using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OctopusServer.Double;

namespace Coordinator.Lab.Tests.Fidelity;

/// <summary>The calls to the Octopus Server double a coordinator makes for a listening Tentacle: trust, register, health-check.</summary>
internal sealed class OctopusApi : IDisposable
{
    private static readonly TimeSpan TaskDeadline = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;

    public OctopusApi(OctopusServerDouble server)
    {
        _http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("X-Octopus-ApiKey", server.ApiKey);
    }

    /// <summary>The thumbprint a Tentacle must trust: the server's own certificate.</summary>
    public async Task<string> ServerThumbprintAsync() =>
        (string)(await GetAsync("api/configuration/certificates/certificate-global"))["Thumbprint"]!;

    /// <summary>Registers a listening Tentacle at <c>https://address:10933/</c> pinned to <paramref name="thumbprint"/>; returns its id.</summary>
    public async Task<string> RegisterListeningTentacleAsync(string name, IPAddress address, string thumbprint)
    {
        var machine = new JsonObject
        {
            ["Name"] = name,
            ["EnvironmentIds"] = new JsonArray("Environments-1"),
            ["Roles"] = new JsonArray("lab"),
            ["TenantIds"] = new JsonArray(),
            ["TenantTags"] = new JsonArray(),
            ["TenantedDeploymentParticipation"] = "Untenanted",
            ["MachinePolicyId"] = "MachinePolicies-1",
            ["IsDisabled"] = false,
            ["Endpoint"] = new JsonObject
            {
                ["CommunicationStyle"] = "TentaclePassive",
                ["Uri"] = $"https://{address}:{TentacleEndpoint.Port}/",
                ["Thumbprint"] = thumbprint,
                ["ProxyId"] = null,
            },
        };
        return (string)(await PostAsync("api/Spaces-1/machines", machine))["Id"]!;
    }

    /// <summary>Runs a Health task for one machine and returns the finished task.</summary>
    public async Task<JsonNode> HealthCheckAsync(string machineId)
    {
        var started = await PostAsync("api/Spaces-1/tasks", new JsonObject
        {
            ["SpaceId"] = "Spaces-1",
            ["Name"] = "Health",
            ["Description"] = "Health check",
            ["Arguments"] = new JsonObject
            {
                ["Timeout"] = "00:05:00",
                ["MachineTimeout"] = "00:01:00",
                ["EnvironmentId"] = null,
                ["WorkerpoolId"] = null,
                ["RestrictedTo"] = null,
                ["MachineIds"] = new JsonArray(machineId),
            },
        });
        var deadline = DateTime.UtcNow + TaskDeadline;
        while (true)
        {
            var task = await GetAsync($"api/tasks/{started["Id"]}");
            if ((bool)task["IsCompleted"]! || DateTime.UtcNow >= deadline)
            {
                return task;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    public Task<JsonNode> MachineAsync(string machineId) => GetAsync($"api/Spaces-1/machines/{machineId}");

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return await ReadAsync(response);
    }

    private async Task<JsonNode> PostAsync(string path, JsonObject body)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        return await ReadAsync(response);
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }
}
