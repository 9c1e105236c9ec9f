using Coordinator.Lab;
using OctopusServer.Double;

namespace Coordinator.IntegrationTests.Bootstrap;

/// <summary>
/// What the bootstrap tests share: lab hosts (real sshd on 127.0.0.n, Linux and Windows-flavoured), the Octopus Server
/// double in this process, the Tentacle double's installers, and a 0600 file holding the API key.
/// </summary>
public abstract class BootstrapLab(int linux, int windows) : IAsyncLifetime
{
    public const string Environment = "Lab";

    private TentacleFleet? _fleet;
    private string _apiKey = "";

    public LabFixture Lab => _fleet!.Lab;

    public OctopusServerDouble Octopus => _fleet!.Octopus;

    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("coordinator-bootstrap-").FullName;

    public async Task InitializeAsync()
    {
        _fleet = await TentacleFleet.StartAsync(linux, windows, [Environment, "Staging"]);
        _apiKey = await _fleet.WriteApiKeyAsync(Path.Combine(WorkDirectory, "octopus-api-key"));
    }

    /// <summary>Writes an inventory of these hosts in <see cref="Environment"/> and returns its path.</summary>
    public string WriteInventory(string name, IEnumerable<LabHost> hosts, string? apiKey = null, string hostKeyPolicy = "strict")
    {
        var path = Path.Combine(WorkDirectory, name);
        File.WriteAllText(path, _fleet!.Inventory(hosts, apiKey ?? _apiKey, Environment, hostKeyPolicy));
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }

        Directory.Delete(WorkDirectory, recursive: true);
    }
}
